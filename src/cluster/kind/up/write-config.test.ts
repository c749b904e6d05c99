import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { writeConfig } from './write-config.js';

describe('up step write-config', () => {
  it("kindnet: writes the kind config with kind's CNI kept and says where", async () => {
    const ctx = upContext();
    const [task, ...more] = writeConfig.plan(ctx);
    expect(more).toEqual([]);
    expect(task!.title).toEqual({ ja: 'kind 設定を生成（kindnet）', en: 'Write the kind config for kindnet' });
    expect(task!.shown).toBeUndefined();
    const { io, writes, runs } = recordingIO();
    expect(await task!.execute(io, new AbortController().signal)).toBe(ctx.files.kindConfig);
    expect(runs).toEqual([]);
    expect(writes.map((w) => w.path)).toEqual([ctx.files.kindConfig]);
    const written = parse(writes[0]!.text) as { networking: Record<string, unknown>; nodes: Array<{ role: string }> };
    expect(written.networking).toMatchObject({ disableDefaultCNI: false, podSubnet: '10.244.0.0/16', kubeProxyMode: 'iptables' });
    expect(written.nodes.map((n) => n.role)).toEqual(ctx.summary.roles);
  });

  it('calico-vxlan: the default CNI is disabled so Calico can be installed', async () => {
    const ctx = upContext({ profile: 'calico-vxlan' });
    const { io, writes } = recordingIO();
    await writeConfig.plan(ctx)[0]!.execute(io, new AbortController().signal);
    expect(writes[0]!.path).toMatch(/kind-config\.calico-vxlan\.yaml$/);
    expect((parse(writes[0]!.text) as { networking: { disableDefaultCNI: boolean } }).networking.disableDefaultCNI).toBe(true);
  });

  it('a verified local tag standing in for the pinned node image is named in the title and written into the config', async () => {
    const pinned = upContext().summary.nodeImages[0]!;
    const ctx = upContext({ nodeImages: [{ pinned, use: 'kindest/node:v1.33.4', imageId: 'sha256:abc' }] });
    const task = writeConfig.plan(ctx)[0]!;
    expect(task.title.en).toContain('node image kindest/node:v1.33.4 (image ID sha256:abc, verified by kindlab bundle load');
    expect(task.title.ja).toContain('kindest/node:v1.33.4');
    const { io, writes } = recordingIO();
    await task.execute(io, new AbortController().signal);
    const nodes = (parse(writes[0]!.text) as { nodes: Array<{ image: string }> }).nodes;
    expect(nodes.every((n) => n.image === 'kindest/node:v1.33.4')).toBe(true);
  });
});
