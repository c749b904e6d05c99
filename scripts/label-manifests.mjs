#!/usr/bin/env node
// Adds kindlab's labels to every object of lesson manifests, keeping comments and layout:
//   app.kubernetes.io/managed-by: kindlab   and   kindlab.dev/lesson: <the lesson folder's name>
// kindlab applies a manifest file exactly as it is (so the command it shows does the same), and
// reset finds a lesson's objects by these labels; the lesson loader rejects an object without them.
// Usage: node scripts/label-manifests.mjs [labs-dir ...]   (default: labs). Idempotent.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseAllDocuments } from 'yaml';

const MANAGED_BY = ['app.kubernetes.io/managed-by', 'kindlab'];
const LESSON = 'kindlab.dev/lesson';

function labelFile(file, lessonId) {
  const text = readFileSync(file, 'utf8');
  const docs = parseAllDocuments(text);
  let changed = false;
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    if (!isMap(doc.contents) || !isMap(doc.get('metadata'))) continue;
    const wanted = [MANAGED_BY, [LESSON, lessonId]];
    let labels = doc.getIn(['metadata', 'labels']);
    if (!isMap(labels)) {
      doc.setIn(['metadata', 'labels'], doc.createNode({}));
      labels = doc.getIn(['metadata', 'labels']);
    }
    for (const [key, value] of wanted) {
      if (labels.get(key) !== value) {
        labels.set(key, value);
        changed = true;
      }
    }
  }
  if (!changed) return false;
  writeFileSync(file, docs.map((d) => d.toString({ lineWidth: 0, flowCollectionPadding: false })).join(''));
  return true;
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['labs'];
for (const root of roots) {
  for (const lesson of readdirSync(root).sort()) {
    const dir = path.join(root, lesson, 'manifests');
    if (!/^\d\d-[a-z0-9-]+$/.test(lesson) || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!/\.ya?ml$/.test(name)) continue;
      if (labelFile(path.join(dir, name), lesson)) console.log(`labelled ${path.join(dir, name)}`);
    }
  }
}
