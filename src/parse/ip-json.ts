// iproute2's JSON form (`ip -j route`, `ip -j addr`): an array, or nothing when the text is not one.

export function tryJson(text: string): unknown[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
