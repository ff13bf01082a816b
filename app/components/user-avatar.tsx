/** A member's round avatar: the uploaded picture, or their initial on the accent gradient. */
export function UserAvatar({
  user,
  size = 32,
  className,
}: {
  user: { displayName: string; avatarUrl: string | null };
  size?: number;
  className?: string;
}) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.42) };
  const classes = `user-avatar${className ? ` ${className}` : ""}`;
  if (user.avatarUrl) {
    return <img className={classes} src={user.avatarUrl} alt="" width={size} height={size} style={style} loading="lazy" decoding="async" />;
  }
  return (
    <span className={classes} style={style} aria-hidden="true">
      {Array.from(user.displayName)[0]?.toUpperCase() ?? "?"}
    </span>
  );
}
