// Old import path of the fake-tool kit, kept while tests still import it: everything here is the one
// kit in ../fakes/harness.ts. Import from there in new tests.
export { fakeTools, nodeList, type FakeCall as Call, type FakeRule as Rule } from '../fakes/harness.js';
