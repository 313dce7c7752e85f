/** A link when there is somewhere to go, else the same text plain: for rows whose reader may not open everything. */
export function MaybeLink({ href, children }: { href: string | null | undefined; children: React.ReactNode }) {
  return href ? (
    <a className="govuk-link" href={href}>
      {children}
    </a>
  ) : (
    <>{children}</>
  );
}
