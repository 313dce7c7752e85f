/** One heading of the MOJ "selected filters" list, with a tag for each choice under it. */
export interface ChosenFilters {
  heading: string;
  items: { text: string; href: string }[];
}

/**
 * The MOJ filter panel: a heading, the choices in force (each a tag whose link removes just that
 * choice, with a link to clear them all) and the filter form, given as children.
 */
export function FilterPanel({ chosen, clearHref, children }: { chosen: ChosenFilters[]; clearHref: string; children: React.ReactNode }) {
  return (
    <div className="moj-filter">
      <div className="moj-filter__header">
        <div className="moj-filter__header-title">
          <h2 className="govuk-heading-m">Filter</h2>
        </div>
      </div>
      <div className="moj-filter__content">
        <SelectedFilters chosen={chosen} clearHref={clearHref} />
        <div className="moj-filter__options">{children}</div>
      </div>
    </div>
  );
}

function SelectedFilters({ chosen, clearHref }: { chosen: ChosenFilters[]; clearHref: string }) {
  if (chosen.length === 0) return null;
  return (
    <div className="moj-filter__selected">
      <div className="moj-filter__selected-heading">
        <div className="moj-filter__heading-title">
          <h2 className="govuk-heading-m">Selected filters</h2>
        </div>
        <div className="moj-filter__heading-action">
          <p>
            <a className="govuk-link govuk-link--no-visited-state" href={clearHref}>
              Clear filters
            </a>
          </p>
        </div>
      </div>
      {chosen.map((category) => (
        <div key={category.heading}>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-0">{category.heading}</h3>
          <ul className="moj-filter-tags">
            {category.items.map((item) => (
              <li key={item.href}>
                <a className="moj-filter__tag" href={item.href}>
                  <span className="govuk-visually-hidden">Remove this filter</span> {item.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
