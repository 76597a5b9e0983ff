// The shell tests use the same stand-in engine as the server's transport tests.
export { FakeEngine, fakeStartEngine } from '../../main/testing/fake-engine';
