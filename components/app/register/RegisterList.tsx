import { RadioGroup } from "@/components/govuk/RadioGroup";
import { FilterPanel, type ChosenFilters } from "@/components/govuk/FilterPanel";
import { Select } from "@/components/govuk/Select";
import { TextInput } from "@/components/govuk/TextInput";
import { IP_RIGHTS } from "@/db/schema";
import { CASE_STATUS_LABELS, IP_RIGHT_LABELS } from "@/domain/cases/status-labels";
import { ATOM_FEED_PATH, JSON_FEED_PATH } from "@/domain/register/feeds";
import { REGISTER_SEARCH_MAX, type RegisterFilterValues, type RegisterPage } from "@/domain/register/list-register";
import { publicCasePath, REGISTER_STATUSES, type RegisterItem } from "@/domain/register/register-facts";
import { CaseStatusTag } from "../CaseStatusTag";
import { formatDate } from "../format";
import { hasRegisterFilters, paginationItems, REGISTER_PATH, registerHref } from "./register-href";
import { amicusWindowText, deadlineText, partiesText } from "./register-text";

const IP_RIGHT_OPTIONS = [["", "Any IP right"] as const, ...IP_RIGHTS.map((r) => [r, IP_RIGHT_LABELS[r]] as const)];
const STATUS_OPTIONS = [["", "Any status"] as const, ...REGISTER_STATUSES.map((s) => [s, CASE_STATUS_LABELS[s]] as const)];
const WINDOW_OPTIONS: [string, string][] = [
  ["any", "Open or closed"],
  ["open", "Open"],
  ["closed", "Closed"],
];
const WINDOW_LABELS = { open: "Amicus window open", closed: "Amicus window closed" } as const;

/** The filters in force, each with the link that removes just that filter. */
function registerChoices(filters: RegisterFilterValues): ChosenFilters[] {
  const chosen = [
    filters.q ? { heading: "Search", text: filters.q, href: registerHref({ ...filters, q: undefined }) } : null,
    filters.ipRight ? { heading: "IP right", text: IP_RIGHT_LABELS[filters.ipRight], href: registerHref({ ...filters, ipRight: undefined }) } : null,
    filters.status ? { heading: "Status", text: CASE_STATUS_LABELS[filters.status], href: registerHref({ ...filters, status: undefined }) } : null,
    filters.amicusWindow ? { heading: "Amicus window", text: WINDOW_LABELS[filters.amicusWindow], href: registerHref({ ...filters, amicusWindow: undefined }) } : null,
  ].filter((c) => c !== null);
  return chosen.map(({ heading, text, href }) => ({ heading, items: [{ text, href }] }));
}

/** The MOJ filter panel as a GET form: filters live in the address, so it works without JavaScript and can be shared. */
export function RegisterFilters({ filters }: { filters: RegisterFilterValues }) {
  return (
    <FilterPanel chosen={registerChoices(filters)} clearHref={REGISTER_PATH}>
      <form method="get" action={REGISTER_PATH} noValidate role="search" aria-label="Search and filter the register">
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Apply filters
        </button>
        <TextInput
          idPrefix="register"
          name="q"
          type="search"
          label="Search"
          hint={`Reference, case title, the parties’ names or the summary. Up to ${REGISTER_SEARCH_MAX} characters.`}
          defaultValue={filters.q}
          spellCheck={false}
        />
        <Select idPrefix="register" name="ipRight" label="IP right" options={IP_RIGHT_OPTIONS} value={filters.ipRight ?? ""} />
        <Select idPrefix="register" name="status" label="Status" options={STATUS_OPTIONS} value={filters.status ?? ""} />
        <RadioGroup idPrefix="register" name="amicusWindow" legend="Amicus window" options={WINDOW_OPTIONS} value={filters.amicusWindow ?? "any"} />
      </form>
    </FilterPanel>
  );
}

/** One published case as a GOV.UK summary card. */
export function RegisterCard({ item }: { item: RegisterItem }) {
  const rows: [string, React.ReactNode][] = [
    ["Complainant", partiesText(item.complainants)],
    ["Respondent", partiesText(item.respondents)],
    ["IP rights", item.ipRightLabels.join(", ") || "Not stated"],
    ["Status", <CaseStatusTag key="status" status={item.status} />],
    ["Complaint received", formatDate(item.submittedAt)],
    ["Accepted", formatDate(item.acceptedOn)],
    ["Published", formatDate(item.publishedAt)],
    ...(item.decisionLabel ? ([["Decision", `${item.decisionLabel}, ${formatDate(item.decidedAt)}`]] as [string, string][]) : []),
    ["Case-to-answer deadline", deadlineText(item.deadline)],
    ["Amicus window", amicusWindowText(item.amicusWindow)],
  ];
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">
          <a className="govuk-link" href={publicCasePath(item.reference)}>
            {item.reference}: {item.title}
          </a>
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          {rows.map(([key, value]) => (
            <div className="govuk-summary-list__row" key={key}>
              <dt className="govuk-summary-list__key">{key}</dt>
              <dd className="govuk-summary-list__value">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

/** GOV.UK pagination: previous, numbered pages with gaps, next. */
export function RegisterPagination({ filters, page, pageCount }: { filters: RegisterFilterValues; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav className="govuk-pagination" aria-label="Pages of results">
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <a className="govuk-link govuk-pagination__link" href={registerHref(filters, page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {paginationItems(page, pageCount).map((n, index) =>
          n === null ? (
            <li className="govuk-pagination__item govuk-pagination__item--ellipses" key={`gap-${index}`}>
              ⋯
            </li>
          ) : (
            <li className={`govuk-pagination__item${n === page ? " govuk-pagination__item--current" : ""}`} key={n}>
              <a className="govuk-link govuk-pagination__link" href={registerHref(filters, n)} aria-label={`Page ${n}`} aria-current={n === page ? "page" : undefined}>
                {n}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < pageCount ? (
        <div className="govuk-pagination__next">
          <a className="govuk-link govuk-pagination__link" href={registerHref(filters, page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

const casesText = (n: number, filtered: boolean) => `${n.toLocaleString("en-GB")} published ${n === 1 ? "case" : "cases"}${filtered ? (n === 1 ? " matches" : " match") : ""}`;

/** The public register: filters beside the results, with the feeds for readers who follow it. */
export function RegisterList({ result }: { result: RegisterPage }) {
  const { items, page, pageCount, total, filters } = result;
  const filtered = hasRegisterFilters(filters);
  return (
    <>
      <h1 className="govuk-heading-l">Public register</h1>
      <p className="govuk-body">
        Complaints about intellectual property that the regulator has accepted and published. Each case page has the regulator’s summary, a timeline, published decisions, public evidence and accepted
        amicus briefs.
      </p>
      <p className="govuk-body">
        Follow the register as a{" "}
        <a className="govuk-link" href={JSON_FEED_PATH} type="application/feed+json">
          JSON feed
        </a>{" "}
        or an{" "}
        <a className="govuk-link" href={ATOM_FEED_PATH} type="application/atom+xml">
          Atom feed
        </a>
        .
      </p>
      <div className="moj-filter-layout">
        <div className="moj-filter-layout__filter">
          <RegisterFilters filters={filters} />
        </div>
        <div className="moj-filter-layout__content">
          <h2 className="govuk-heading-m">{casesText(total, filtered)}</h2>
          {pageCount > 1 ? <p className="govuk-body-s">{`Page ${page} of ${pageCount}, newest first`}</p> : null}
          {items.length === 0 ? (
            filtered ? (
              <>
                <p className="govuk-body">No published cases match your search and filters.</p>
                <p className="govuk-body">
                  <a className="govuk-link" href={REGISTER_PATH}>
                    Clear filters
                  </a>
                </p>
              </>
            ) : (
              <p className="govuk-body">No cases have been published on the register yet.</p>
            )
          ) : (
            items.map((item) => <RegisterCard key={item.id} item={item} />)
          )}
          <RegisterPagination filters={filters} page={page} pageCount={pageCount} />
        </div>
      </div>
    </>
  );
}
