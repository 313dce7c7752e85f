import type { DeadlineCounts } from "@/domain/deadlines/list-deadlines";
import { deadlinesHref, formatCount, TAB_LABELS, TABS, type DeadlineViewParams } from "./view-params";

/** MOJ sub-navigation as plain links, so each tab is a page of its own that works without JavaScript. */
export function DeadlineTabs({ params, counts, countCap }: { params: DeadlineViewParams; counts: DeadlineCounts; countCap: number }) {
  return (
    <nav className="moj-sub-navigation" aria-label="Deadline views">
      <ul className="moj-sub-navigation__list">
        {TABS.map((tab) => (
          <li className="moj-sub-navigation__item" key={tab}>
            <a className="moj-sub-navigation__link" href={deadlinesHref(params, { tab })} aria-current={tab === params.tab ? "page" : undefined}>
              {TAB_LABELS[tab]} ({formatCount(counts[tab], countCap)})
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
