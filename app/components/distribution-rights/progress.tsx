/** A progress bar people can read without colour: the native meter role with its label and value. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max <= 0 ? 100 : Math.min(100, Math.round((Math.min(value, max) / max) * 100));
  return (
    <div className="dr-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}

export function percentOf(value: number, max: number): number {
  return max <= 0 ? 100 : Math.min(100, Math.round((Math.min(value, max) / max) * 100));
}
