// The lesson file format, as one zod schema: it validates lesson.yaml at load time and is
// exported as JSON Schema (schema/lesson.schema.json) so editors complete and check lesson files.
import { z } from 'zod';
import { parseJsonPath } from '../core/jsonpath.js';
import { allKinds } from '../expectations/index.js';
import { parseDuration } from './duration.js';
import { ADDONS } from './addons.js';
import { PROFILE_OR_FAMILY } from './profile-names.js';

export const text = z
  .object({ ja: z.string().min(1), en: z.string().min(1) })
  .strict()
  .describe('Text in Japanese (ja) and English (en); both are required.');

export const duration = z
  .string()
  .refine((value) => parseDuration(value) !== undefined, { message: 'a duration such as 500ms, 30s or 2m' })
  .describe('A duration: 500ms, 30s, 2m.');

/** `kind/name`, e.g. `service/web`, `deployment/nginx-hello`, `node/worker`. */
const objectName = z
  .string()
  .regex(/^[a-z][a-z0-9.]*\/[A-Za-z0-9{}_.-]+$/, 'kind/name, e.g. service/web')
  .describe('An object as kind/name, e.g. service/web. Names may use {{captures}}.');

const jsonPath = z.string().superRefine((value, ctx) => {
  try {
    parseJsonPath(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `a JSONPath like .spec.clusterIP (${(error as Error).message})` });
  }
});

const kindOnly = z.string().regex(/^[a-z][a-z0-9.]*$/, 'a lower-case kind, e.g. pod');

/** Selects objects: `from: service/web`, or `from: pod` with `selector: app=web`. */
const objectSelector = {
  from: z.union([objectName, kindOnly]).describe('kind/name, or a kind with `selector`.'),
  selector: z.string().optional().describe('Label selector when `from` is a kind, e.g. app=web.'),
  namespace: z.string().optional().describe("Defaults to the lesson's namespace; ignored for cluster-scoped kinds."),
};

const profileName = z.enum(PROFILE_OR_FAMILY as unknown as [string, ...string[]]);

const when = z
  .object({ profile: z.union([profileName, z.array(profileName).min(1)]) })
  .strict()
  .describe('Only applies on these profiles or families (overlay, host-routing, calico).');

const expectationShape = Object.fromEntries(allKinds.map((kind) => [kind.key, kind.params.optional().describe(kind.doc)])) as Record<string, z.ZodType>;

export const expectation = z
  .object({ ...expectationShape, when: when.optional() })
  .strict()
  .superRefine((value, ctx) => {
    const keys = Object.keys(value).filter((key) => key !== 'when' && (value as Record<string, unknown>)[key] !== undefined);
    if (keys.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          keys.length === 0
            ? `one expectation kind (${allKinds.map((k) => k.key).join(', ')})`
            : `exactly one expectation kind per item, found ${keys.join(' and ')}`,
      });
    }
  })
  .describe('One typed expectation: a single key naming its kind, and an optional `when`.');

const runTarget = {
  pod: z.string().optional().describe('Pod name (or {{capture}}) to run in with kubectl exec.'),
  container: z.string().optional(),
  node: z.string().optional().describe('kind node to run on with docker exec: control-plane, worker, worker2, or a {{capture}}.'),
  namespace: z.string().optional(),
  argv: z.array(z.string()).min(1).describe('The command as an argv list; never a shell string.'),
  timeout: duration.optional().describe('Deadline for one run (default 15s).'),
};

export const run = z
  .object({
    ...runTarget,
    repeat: z.number().int().min(1).max(1000).optional().describe('Run N times; expectations see every sample.'),
  })
  .strict()
  .refine((r) => (r.pod === undefined) !== (r.node === undefined), { message: 'exactly one of pod or node' });

export const check = z
  .object({
    title: text.optional(),
    run: run.optional(),
    read: z
      .object({ ...objectSelector, path: jsonPath.describe('JSONPath-like path, e.g. .spec.clusterIP') })
      .strict()
      .optional(),
    expect: z.array(expectation).default([]),
  })
  .strict()
  .refine((c) => (c.run === undefined) !== (c.read === undefined), { message: 'exactly one of run or read' });

export const capture = z
  .object({
    ...objectSelector,
    path: jsonPath.describe('JSONPath-like path into the object: .spec.clusterIP, .status.podIP, .endpoints[*].addresses[0]'),
  })
  .strict();

export const waitItem = z
  .object({
    for: z.union([objectName, kindOnly]),
    selector: z.string().optional(),
    namespace: z.string().optional(),
    condition: z.enum(['Available', 'Ready', 'Exists', 'Deleted', 'Complete']),
    timeout: duration.optional().describe('Default 120s.'),
  })
  .strict();

/** The cluster-changing part of a step, shared by steps, setup and a challenge's `solve`. */
const actions = {
  apply: z.array(z.string()).optional().describe('Manifest files, relative to the lesson folder, applied in order.'),
  delete: z.array(z.string()).optional().describe('Manifest files whose objects are deleted.'),
  scale: z.record(objectName, z.number().int().min(0)).optional().describe('e.g. { deployment/web: 5 }'),
  wait: z.array(waitItem).optional(),
  exec: z.array(run).optional().describe('Commands run for their effect (output shown, not checked).'),
};

export const actionsOnly = z.object(actions).strict();

/** A shortcut a learner might try for a challenge: the self-test proves the check fails for it. */
export const wrongFix = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case words joined by -'),
    why: text.describe('One line: the shortcut, and why it misses the point of the challenge.'),
    ...actions,
  })
  .strict()
  .refine((w) => (['apply', 'delete', 'scale', 'exec'] as const).some((field) => w[field] !== undefined), {
    message: 'at least one action (apply, delete, scale or exec)',
  })
  .describe('A wrong fix: actions that perform a plausible shortcut; the challenge check must fail after them.');

/**
 * A picture drawn after a step's checks pass, from the live cluster and the step's captures, in the
 * learner's language; `kindlab start --dry-run` draws it with placeholders (src/engine/diagram/).
 */
export const diagram = z.union([
  z
    .object({
      podPath: z
        .object({
          from: z.string().describe('Pod name in the lesson namespace (or a {{capture}}).'),
          to: z.string().describe('Pod name in the lesson namespace (or a {{capture}}).'),
          nodes: z
            .enum(['same', 'different'])
            .optional()
            .describe('Where the step puts the two Pods; the dry run draws that path (a live run draws what it finds).'),
          wire: z
            .number()
            .int()
            .min(0)
            .optional()
            .describe(
              "Index of this step's check whose output is `tcpdump -n` on a node's eth0: the picture adds the packet actually seen there (encapsulation, outer and inner addresses).",
            ),
        })
        .strict()
        .describe(
          'The path between two Pods, same node or across nodes, with the real IPs, devices and the route the node used (kindnet: veth and podCIDR via nodeIP; Calico: cali*, tunl0 / vxlan.calico).',
        ),
    })
    .strict(),
  z
    .object({
      serviceChain: z
        .object({
          service: z.string().describe('Service name in the lesson namespace (or a {{capture}}).'),
          pod: z
            .string()
            .optional()
            .describe(
              "A hostNetwork Pod (the lesson's node-netshoot) whose node's nat table is read with iptables-save -t nat: the way that works on any cluster.",
            ),
          node: z
            .string()
            .optional()
            .describe('Or a kind node read with docker exec (default worker when no pod is named): control-plane, worker, worker2, or a {{capture}}.'),
          namespace: z.string().optional().describe("The Service's namespace when it is not the lesson's (e.g. kube-system for kube-dns)."),
        })
        .strict()
        .refine((c) => c.pod === undefined || c.node === undefined, { message: 'either pod or node, not both' })
        .describe(
          "The Service through kube-proxy's chains: KUBE-SERVICES → KUBE-SVC-… (with the real probabilities) → KUBE-SEP-… → DNAT podIP:port, and KUBE-NODEPORTS → KUBE-EXT-… for a NodePort, with the chain names read from the node.",
        ),
    })
    .strict(),
  z
    .object({
      flows: z
        .object({
          to: z.string().describe('What the arrows lead to, as the learner names it (e.g. web).'),
          arrows: z
            .array(
              z
                .object({
                  from: z.string().describe('Who tries, as the learner names it (e.g. frontend, or monitor (lab-10-other)).'),
                  check: z.number().int().min(0).describe("Index of this step's check that tries this arrow."),
                  allowed: z.boolean().describe('What that check expects: true when the traffic gets through, false when it is dropped.'),
                })
                .strict(),
            )
            .min(1),
        })
        .strict()
        .describe('Arrows a NetworkPolicy lets through or drops, each coloured by what its check observed, with the output it saw.'),
    })
    .strict(),
  z
    .object({
      sourceSeen: z
        .object({
          check: z.number().int().min(0).describe("Index of this step's check whose output is the peer IP:port the backend saw (agnhost /clientip)."),
          policy: z.enum(['Cluster', 'Local']).describe("The Service's externalTrafficPolicy."),
          client: z.string().describe('Where the request came from, as the learner names it (e.g. control-plane).'),
          lb: z.string().describe("The load balancer's IP (a {{capture}})."),
        })
        .strict()
        .describe('LoadBalancer → node → Pod with the source address the Pod saw, named: the load balancer, a node (kube-proxy SNAT) or the client.'),
    })
    .strict(),
  z
    .object({
      split: z
        .object({
          check: z.number().int().min(0).describe("Index of this step's check with a `share` expectation over repeated requests."),
        })
        .strict()
        .describe('A weighted split as bars: the share of each answer the check observed, beside the share it expected.'),
    })
    .strict(),
  z
    .object({
      dnsSearch: z
        .object({
          pod: z.string().describe('Pod (in the lesson namespace) whose resolver is drawn; it needs cat and dig (netshoot has both).'),
          name: z.string().describe('The name as the learner typed it, e.g. web or web.lab-04-other.'),
        })
        .strict()
        .describe(
          "A name walking the Pod's search list (from its /etc/resolv.conf, ndots), each candidate asked with dig: which answered and from which server; and the CoreDNS Pods behind the kube-dns ClusterIP.",
        ),
    })
    .strict(),
]);

export const step = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case words joined by -'),
    kind: z.enum(['guided', 'challenge']).default('guided'),
    title: text,
    say: text.describe('What the learner is told before the step runs.'),
    task: text.optional().describe('Challenge only: what the learner must do.'),
    hint: text.optional(),
    explain: text.optional().describe('Shown after the step passes: what the learner just saw.'),
    diagram: diagram
      .optional()
      .describe('A picture drawn after the checks pass, from the live cluster and the captures; --dry-run draws it with placeholders.'),
    ...actions,
    capture: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), capture).optional(),
    checks: z.array(check).optional(),
    eventually: duration.optional().describe('Retry the checks until all pass at once, up to this long (default 30s).'),
    consistently: duration.optional().describe('The checks must pass on every try for this long (e.g. a blocked connection stays blocked).'),
    solve: actionsOnly.optional().describe('Challenge only: the reference solution kindlab solve applies.'),
    wrongFixes: z.array(wrongFix).optional().describe('Challenge only: shortcuts a learner might try; kindlab test proves the check fails for each.'),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.kind === 'challenge') {
      for (const field of ['task', 'hint', 'solve', 'checks'] as const) {
        if (s[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `a challenge step needs ${field}` });
      }
    } else if (s.solve !== undefined || s.task !== undefined) {
      ctx.addIssue({ code: 'custom', path: [s.solve ? 'solve' : 'task'], message: 'only challenge steps have task and solve' });
    }
    if (s.kind !== 'challenge' && s.wrongFixes !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['wrongFixes'], message: 'only challenge steps have wrongFixes' });
    }
    const wrongFixIds = new Set<string>();
    for (const [i, w] of (s.wrongFixes ?? []).entries()) {
      if (wrongFixIds.has(w.id)) ctx.addIssue({ code: 'custom', path: ['wrongFixes', i, 'id'], message: 'a wrong-fix id unique in the step' });
      wrongFixIds.add(w.id);
    }
    if (s.eventually !== undefined && s.consistently !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['consistently'], message: 'either eventually or consistently, not both' });
    }
  });

export const lesson = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^\d\d-[a-z0-9-]+$/, 'NN-slug, e.g. 03-service-clusterip'),
    title: text,
    summary: text,
    source: z.array(z.string().min(1)).min(1).describe('Seed files and sections this lesson follows, e.g. "000_ff716ba57dc3f9ee.txt slide 4".'),
    profiles: z.array(profileName).min(1).describe('Profiles or families the lesson supports.'),
    durationMinutes: z.number().int().min(1).max(240),
    namespace: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    extraNamespaces: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/))
      .optional()
      .describe('More namespaces kindlab creates and removes with the lesson.'),
    requires: z.array(z.string()).optional().describe('Lessons whose setup must be in place first (for start --from-scratch).'),
    addons: z
      .array(
        z.string().refine((name) => ADDONS.some((a) => a.name === name), { message: `a known add-on (${ADDONS.map((a) => a.name).join(', ') || 'none yet'})` }),
      )
      .optional()
      .describe('Pinned cluster add-ons installed before setup (ingress controller, Gateway API, LoadBalancer provider).'),
    images: z.array(z.string()).optional().describe('Images the lesson uses beyond those found in its manifests.'),
    setup: actionsOnly.optional(),
    steps: z.array(step).min(1),
  })
  .strict();

export type LessonFile = z.infer<typeof lesson>;
export type CheckFile = z.infer<typeof check>;
export type ExpectationFile = z.infer<typeof expectation>;
export type ActionsFile = z.infer<typeof actionsOnly>;
export type RunFile = z.infer<typeof run>;
export type WrongFixFile = z.infer<typeof wrongFix>;
export type CaptureFile = z.infer<typeof capture>;

export function lessonJsonSchema(): unknown {
  return z.toJSONSchema(lesson, { io: 'input', unrepresentable: 'any' });
}
