// Indents every line of a block (tool output under its command, a picture under its step).
export const indent = (text: string, prefix = '    ') =>
  text
    .split('\n')
    .map((l) => `${prefix}${l}`)
    .join('\n');
