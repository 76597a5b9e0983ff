import { PortfolioPage } from '../pages/portfolio/PortfolioPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { TradingPage } from '../pages/trading/TradingPage';
import { pageDef, type PageId } from './pages';
import { PlaceholderPage } from './PlaceholderPage';

export function PageView({ page }: { page: PageId }) {
  switch (page) {
    case 'portfolio':
      return <PortfolioPage />;
    case 'settings':
      return <SettingsPage />;
    case 'trading':
      return <TradingPage />;
    default:
      return <PlaceholderPage page={pageDef(page)} />;
  }
}
