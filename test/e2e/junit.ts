// Reads the JUnit XML `kindlab test --junit` writes, for the e2e suite's per-lesson report.
export interface TestCase {
  name: string;
  failure?: string;
  skipped: boolean;
}

/** Test cases of a JUnit XML file: name, failure message (or error), skipped. */
export function junitCases(xml: string): TestCase[] {
  const cases: TestCase[] = [];
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  for (const m of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const attrs = m[1] ?? '';
    const body = m[3] ?? '';
    const name = decode(/\bname="([^"]*)"/.exec(attrs)?.[1] ?? '');
    const classname = decode(/\bclassname="([^"]*)"/.exec(attrs)?.[1] ?? '');
    const failure = /<(failure|error)\b([^>]*)>?([\s\S]*?)(<\/\1>|$)/.exec(body);
    cases.push({
      name: classname ? `${classname} ${name}` : name,
      ...(failure ? { failure: decode(/message="([^"]*)"/.exec(failure[2] ?? '')?.[1] ?? failure[3] ?? 'failed') } : {}),
      skipped: /<skipped\b/.test(body),
    });
  }
  return cases;
}
