/**
 * A row of mutually exclusive buttons (a radio group): the Settings switches and the ticket's
 * side and instrument. `testId` makes each button `${testId}-${option id}`.
 */
export function Segmented<T extends string>({
  options,
  value,
  onChange,
  labelledBy,
  label,
  disabled = false,
  className,
  activeClass,
  testId,
}: {
  options: readonly { id: T; label: string }[];
  value: T;
  onChange: (id: T) => void;
  /** The id of the element naming the group, or `label` for an aria-label. */
  labelledBy?: string;
  label?: string;
  disabled?: boolean;
  className?: string;
  /** Extra class on the chosen button (the ticket colours buy and sell). */
  activeClass?: (id: T) => string;
  testId: string;
}) {
  return (
    <div
      className={`segmented${className ? ` ${className}` : ''}`}
      role="radiogroup"
      aria-labelledby={labelledBy}
      aria-label={label}
    >
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          role="radio"
          aria-checked={value === o.id}
          className={value === o.id ? `active${activeClass ? ` ${activeClass(o.id)}` : ''}` : ''}
          disabled={disabled}
          onClick={() => onChange(o.id)}
          data-testid={`${testId}-${o.id}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
