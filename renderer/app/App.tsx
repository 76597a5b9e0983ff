import { useConnectionStore } from '../state/connectionStore';
import { Frame } from './Frame';
import { NeedsAccessLink } from './NeedsAccessLink';

export function App() {
  const access = useConnectionStore((s) => s.access);
  return access === 'needs-link' ? <NeedsAccessLink /> : <Frame />;
}
