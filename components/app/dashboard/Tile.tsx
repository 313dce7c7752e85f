import styles from "./dashboard.module.css";

export type TileTone = "plain" | "red" | "amber";

/**
 * A figure on the dashboard: its heading links to the list behind it, the number is the figure, and
 * a second link downloads that list as CSV. The tone only adds a coloured edge; the heading says the level.
 */
export function Tile({ id, heading, href, value, description, csvHref, tone = "plain" }: { id: string; heading: string; href: string; value: string; description: React.ReactNode; csvHref: string; tone?: TileTone }) {
  const toneClass = tone === "red" ? ` ${styles.tileRed}` : tone === "amber" ? ` ${styles.tileAmber}` : "";
  return (
    <div className={`${styles.tile}${toneClass}`} data-testid={`tile-${id}`}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2" id={`tile-${id}-heading`}>
        <a className="govuk-link govuk-link--no-visited-state" href={href}>
          {heading}
        </a>
      </h3>
      <p className={styles.number} data-testid={`tile-${id}-value`}>
        {value}
      </p>
      <p className="govuk-body-s">{description}</p>
      <p className="govuk-body-s govuk-!-margin-bottom-0">
        {/* Named plainly, so no other link shares a tile's name; the tile's heading describes it. */}
        <a className="govuk-link" href={csvHref} download aria-describedby={`tile-${id}-heading`}>
          Download as CSV
        </a>
      </p>
    </div>
  );
}
