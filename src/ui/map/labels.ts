// The words of the map pictures (terminal and SVG), in Japanese and English. Values read from the
// cluster (names, IPs, devices, commands) are data and are drawn as they are.
import type { Text } from '../../core/text.js';
import type { StepDiagram } from '../../engine/diagram/step-diagram.js';

const m = (ja: string, en: string): Text => ({ ja, en });

export const mapLabels = {
  title: m('kindlab map — クラスタの今の姿', 'kindlab map — the cluster as it is now'),
  namespace: m('名前空間', 'namespace'),
  profile: m('プロファイル', 'profile'),
  nodes: m('ノード', 'Nodes'),
  pods: m('Pod', 'Pods'),
  routes: m('経路 (ip route)', 'Routes (ip route)'),
  none: m('(なし)', '(none)'),
  noPods: m('(この名前空間の Pod はありません)', '(no Pods of this namespace)'),
  unscheduled: m('ノード未割り当ての Pod', 'Pods not on a node yet'),
  services: m('Service と、その後ろのエンドポイント (EndpointSlice)', 'Services and the endpoints behind them (EndpointSlice)'),
  noServices: m('(この名前空間に Service はありません)', '(no Services in this namespace)'),
  noEndpoints: m('(エンドポイントなし: セレクタに合う Ready な Pod がありません)', '(no endpoints: no Ready Pod matches the selector)'),
  notReady: m('(未 Ready)', '(not ready)'),
  on: m('ノード', 'on'),
  ownBlock: m('このノードのブロック', "this node's block"),
  toNode: m('行き先', 'to'),
  routeError: m('ip route を読めませんでした', 'could not read ip route'),
  dataPath: m('データの通り道', 'Data path'),
  sameNode: m('同じノード', 'same node'),
  acrossNodes: m('ノードをまたぐ', 'across nodes'),
  noPath: m('(Pod が 2 つ以上いると、ここに実際の経路を描きます)', '(with two or more Pods, the real path is drawn here)'),
  readFrom: m('読み取ったコマンド', 'Read with'),
  tunnel: m('トンネル', 'tunnel'),
  legend: m('凡例', 'Legend'),
  endpoint: m('エンドポイント', 'endpoint'),
  htmlWritten: m('HTML を書きました: {file} (ブラウザで開けます。ネットワークは不要です)', 'Wrote {file} (opens in any browser, no network needed)'),
  openWith: m('開くには: {command}', 'To open it: {command}'),
  openFailed: m(
    'ブラウザを開けませんでした ({reason})。ファイルを自分で開いてください: {file}',
    'Could not start a browser ({reason}); open the file yourself: {file}',
  ),
  htmlExtension: m('--html には書き出す .html ファイルを指定します (例: --html map.html)', '--html names the .html file to write (e.g. --html map.html)'),
} as const;

/** One line per profile: what the path between Pods looks like there. */
export const profilePath: Record<string, Text> = {
  kindnet: m(
    'kindnet: Pod ─ veth ─ ノード ─ eth0 ─ (相手ノードの IP へ静的ルート、カプセル化なし) ─ ノード ─ veth ─ Pod',
    "kindnet: Pod ─ veth ─ node ─ eth0 ─ (static route via the other node's IP, no encapsulation) ─ node ─ veth ─ Pod",
  ),
  'calico-vxlan': m(
    'Calico VXLAN: Pod ─ cali* ─ ノード ─ vxlan.calico ─ eth0 (UDP 4789 で包む) ─ ノード ─ vxlan.calico ─ cali* ─ Pod',
    'Calico VXLAN: Pod ─ cali* ─ node ─ vxlan.calico ─ eth0 (wrapped in UDP 4789) ─ node ─ vxlan.calico ─ cali* ─ Pod',
  ),
  'calico-ipip': m(
    'Calico IPIP: Pod ─ cali* ─ ノード ─ tunl0 ─ eth0 (IP in IP で包む) ─ ノード ─ tunl0 ─ cali* ─ Pod',
    'Calico IPIP: Pod ─ cali* ─ node ─ tunl0 ─ eth0 (wrapped IP in IP) ─ node ─ tunl0 ─ cali* ─ Pod',
  ),
  'calico-bgp': m(
    'Calico BGP: Pod ─ cali* ─ ノード ─ eth0 (BGP で覚えた経路、カプセル化なし) ─ ノード ─ cali* ─ Pod',
    'Calico BGP: Pod ─ cali* ─ node ─ eth0 (routes learnt over BGP, no encapsulation) ─ node ─ cali* ─ Pod',
  ),
};

/** Words of the lesson pictures (lesson field `diagram`). */
export const diagramLabels = {
  podPathTitle: m('図: {from} から {to} への道 ({profile})', 'Picture: the path from {from} to {to} ({profile})'),
  serviceChainTitle: m(
    '図: Service {service} を kube-proxy のチェーンでたどる (ノード {node} の nat テーブル)',
    "Picture: Service {service} through kube-proxy's chains ({node}'s nat table)",
  ),
  placeholder: m('(ドライラン: <…> は実行時にクラスタから読む値)', '(dry run: <…> are the values read from the cluster when the step runs)'),
  noPath: m(
    '(経路を描けません: Pod に IP がないか、ノードに相手への経路がありません)',
    '(no path to draw: a Pod has no IP yet, or the node holds no route to the other)',
  ),
  noChain: m(
    '(KUBE-SERVICES にこの Service の規則がありません: ClusterIP がないか、kube-proxy がまだ書いていません)',
    '(no rule for this Service in KUBE-SERVICES: it has no ClusterIP, or kube-proxy has not written it yet)',
  ),
  shareLegend: m(
    '(% = 新しい接続がその KUBE-SEP へ進む割合、p = その行の --probability)',
    "(% = share of new connections reaching that KUBE-SEP, p = the rule's --probability)",
  ),
  rest: m('残り全部', 'the rest'),
  noEndpoints: m(
    '(KUBE-SEP なし: エンドポイントがありません。kube-proxy は接続を拒否します)',
    '(no KUBE-SEP: no endpoints; kube-proxy rejects the connection)',
  ),
  unavailable: m('図を描けませんでした: {reason}', 'Could not draw the picture: {reason}'),
  dnsTitle: m(
    '図: Pod {pod} が名前 "{name}" を引く順番 (ndots:{ndots}, nameserver {nameserver})',
    'Picture: how Pod {pod} looks up "{name}" (ndots:{ndots}, nameserver {nameserver})',
  ),
  dnsSearchFirst: m(
    '"{name}" のドットは {dots} 個で ndots {ndots} 未満: search リストを先に試し、最後にそのままの名前',
    '"{name}" has {dots} dot(s), fewer than ndots {ndots}: the search list first, the name as it is last',
  ),
  dnsAsIsFirst: m(
    '"{name}" のドットは {dots} 個 (ndots {ndots} 以上): そのままの名前を先に、次に search リスト',
    '"{name}" has {dots} dot(s), ndots {ndots} or more: the name as it is first, then the search list',
  ),
  sourceTitle: m(
    '図: 外から LoadBalancer 経由で Pod へ (externalTrafficPolicy: {policy})',
    'Picture: from outside through the LoadBalancer to the Pod (externalTrafficPolicy: {policy})',
  ),
  sourceSeen: m('Pod が見た送信元: {seen}', 'the source the Pod saw: {seen}'),
  seenLb: m('ロードバランサーの IP (kube-proxy は書き換えていない)', "the load balancer's IP (kube-proxy did not rewrite it)"),
  seenNode: m('ノード {node} の IP (kube-proxy が SNAT で書き換えた)', "node {node}'s IP (kube-proxy rewrote it, SNAT)"),
  seenClient: m('クライアント自身の IP (そのまま届いた)', "the client's own IP (it arrived unchanged)"),
  seenOther: m('ノードでもロードバランサーでもない IP', 'an IP that is neither a node nor the load balancer'),
  seenUnknown: m('(確認の出力がありません)', '(no check output)'),
  splitTitle: m('図: {total} 回のリクエストがどこへ行ったか (確認で観察した割合)', 'Picture: where {total} requests went (the shares the check observed)'),
  splitExpected: m('期待: {value} {share} ± {tolerance}', 'expected: {value} {share} ± {tolerance}'),
  flowsTitle: m(
    '図: {to} へ届く通信と落とされる通信 (NetworkPolicy、確認で観察した結果)',
    'Picture: what reaches {to} and what is dropped (NetworkPolicy, as the checks observed)',
  ),
  flowThrough: m('届く', 'gets through'),
  flowDropped: m('落とされる', 'dropped'),
  flowUnknown: m('未確認', 'not checked'),
  flowObserved: m('観察', 'observed'),
  wireSeen: m('eth0 で見えたパケット (tcpdump、{packets} 個)', 'Seen on eth0 (tcpdump, {packets} packets)'),
  wireOuter: m('外側', 'outer'),
  wireInner: m('内側', 'inner'),
  wirePlain: m('カプセル化なし: Pod IP のまま', 'no encapsulation: Pod IPs as they are'),
  dnsNotAsked: m('(問い合わせない)', '(not asked)'),
  dnsAnswered: m('{name} が答えた: {addresses}', '{name} answered: {addresses}'),
  dnsNoAddress: m('どの候補もアドレスを返しませんでした', 'no candidate returned an address'),
  dnsBehind: m('kube-dns {clusterIP} の後ろの CoreDNS Pod', 'CoreDNS Pods behind kube-dns {clusterIP}'),
};

/** What the address a server saw turned out to be, in the source-seen picture. */
export const seenLabel = (seenIs: Extract<StepDiagram, { kind: 'sourceSeen' }>['seenIs']): Text =>
  ({
    lb: diagramLabels.seenLb,
    node: diagramLabels.seenNode,
    client: diagramLabels.seenClient,
    other: diagramLabels.seenOther,
    unknown: diagramLabels.seenUnknown,
  })[seenIs];
