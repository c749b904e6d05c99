// The offline bundle, in three files: its format (bundle-manifest.ts), `bundle create`
// (bundle-create.ts) and `bundle load` (bundle-load.ts). This file only names them for the cli
// until it imports them through cluster/index.ts.
export { archiveName, BUNDLE_FORMAT, readBundleManifest, verifyBundle, type BundleManifest, type BundleOptions } from './bundle-manifest.js';
export { bundleContents, planBundleCreate, type CreateBundleOptions } from './bundle-create.js';
export { planBundleLoad, type BundleLoadPlan, type LoadBundleOptions } from './bundle-load.js';
