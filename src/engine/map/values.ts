// Readers for the unknown parts of a Kubernetes object (status, spec, EndpointSlice entries):
// each gives a value of the asked shape, or an empty one when the field is missing or of another type.
// Pure.

/** A non-empty string, else undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** An object's fields, else `{}`. */
export const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
/** An array, else `[]`. */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
