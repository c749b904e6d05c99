import { afterEach, describe, expect, it } from 'vitest';
import { imagesPresent } from '../../src/cluster/kind/images-present.js';
import { LESSON_IMAGES } from '../../src/cluster/kind/images.js';
import { fakeTools, type FakeTools } from './fakes/harness.js';

let tools: FakeTools | undefined;
afterEach(() => tools?.cleanup());

describe('which pinned images are in local Docker (kindlab ready)', () => {
  it("asks docker image inspect for each image and reports the missing ones in docker's words", async () => {
    const [first, second] = LESSON_IMAGES;
    tools = fakeTools([
      { tool: 'docker', argv: ['image', 'inspect', '--format', '{{.Id}}', first!.ref], stdout: 'sha256:1f2e3d\n' },
      { tool: 'docker', argv: ['image', 'inspect', '...'], stderr: `Error response from daemon: No such image: ${second!.ref}\n`, exitCode: 1 },
    ]);
    const result = await imagesPresent([first!, second!], { env: tools.env });
    expect(result).toEqual([
      { ref: first!.ref, present: true },
      { ref: second!.ref, present: false, detail: `Error response from daemon: No such image: ${second!.ref}` },
    ]);
    expect(tools.calls().map((c) => [c.tool, ...c.argv])).toEqual([
      ['docker', 'image', 'inspect', '--format', '{{.Id}}', first!.ref],
      ['docker', 'image', 'inspect', '--format', '{{.Id}}', second!.ref],
    ]);
  });
});
