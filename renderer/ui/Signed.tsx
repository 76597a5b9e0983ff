import type { ReactNode } from 'react';
import { signOf } from '../format';

/** Text coloured green or red by the sign of `value`. */
export function Signed({
  value,
  children,
  testId,
}: {
  value: string | number | null | undefined;
  children: ReactNode;
  testId?: string;
}) {
  const sign = signOf(value);
  const className = sign > 0 ? 'pos' : sign < 0 ? 'neg' : undefined;
  return (
    <span className={className} data-testid={testId}>
      {children}
    </span>
  );
}
