import { describe, expect, it } from 'vitest';
import { Output } from './output.js';

const silent = { write() {} };

describe('texts shown to the learner', () => {
  it('Japanese folded from YAML loses the joining space after 。 and 、, but keeps spaces around Latin words', () => {
    const out = new Output('plain', 'ja', silent, silent);
    expect(out.t({ ja: 'Pod IP を追いかけます。 nslookup、 curl で確かめます', en: 'x' })).toBe('Pod IP を追いかけます。nslookup、curl で確かめます');
  });
  it('English is shown as written', () => {
    const out = new Output('plain', 'en', silent, silent);
    expect(out.t({ ja: 'x', en: 'Resolve it.  Then curl, twice.' })).toBe('Resolve it.  Then curl, twice.');
  });
});
