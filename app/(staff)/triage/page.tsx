import type { Metadata } from "next";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { TriageFilters } from "@/components/app/triage/TriageFilters";
import { TriageQueueTable } from "@/components/app/triage/TriageQueueTable";
import type { SortHeader } from "@/components/govuk/SortableHeader";
import { toQueueRow } from "@/components/app/triage/queue-rows";
import { clearFiltersHref, hasFilters, readTriageParams, SORT_LABELS, TAB_LABELS, toQueueQuery, triageExportHref, triageHref, type TriageParams } from "@/components/app/triage/queue-params";
import { hasPermission } from "@/domain/access/permissions";
import { CSV_ROW_LIMIT } from "@/domain/dashboard/export-csv";
import { listCaseworkerOptions } from "@/domain/cases/assign-case";
import { getTriageQueuePage, SEARCH_MATCH_CAP, TRIAGE_TABS, type TriageQueuePage, type TriageSort, type TriageTab } from "@/domain/cases/list-triage-queue";
import type { Ctx } from "@/domain/context";
import { DomainError, type FieldErrors } from "@/domain/errors";
import { loadPage, requirePagePermission } from "@/server/page";
import { assignSelectedCasesAction } from "./actions";

export const metadata: Metadata = { title: "Triage" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The filter form's names for the domain's fields, so the error summary links to the right box. */
const FORM_FIELD: Record<string, string> = { caseworkerId: "caseworker" };
const FIELD_ORDER = ["q", "caseworker", "receivedFrom", "receivedTo"];

const CAPTIONS: Record<TriageTab, string> = { unassigned: "Unassigned cases", mine: "Cases assigned to you", all: "All cases" };

/**
 * A bad date or an over-long search is the reader's to correct, not a crash: the page lists the
 * queue without the refused filters and says what is wrong with each.
 */
function loadQueue(ctx: Ctx, params: TriageParams): { page: TriageQueuePage; fieldErrors: FieldErrors } {
  try {
    return { page: getTriageQueuePage(ctx, toQueueQuery(params)), fieldErrors: {} };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "invalid") throw error;
    const refused = new Set(Object.keys(error.fieldErrors));
    const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [FORM_FIELD[field] ?? field, message]));
    return { page: getTriageQueuePage(ctx, toQueueQuery({ ...params, after: undefined, before: undefined }, refused)), fieldErrors };
  }
}

function sortHeader(params: TriageParams, label: string, asc: TriageSort, desc: TriageSort): SortHeader {
  const active = params.sort === asc || params.sort === desc;
  const next = params.sort === asc ? desc : asc;
  return { label, href: triageHref(params, { sort: next }), hiddenText: `sort ${SORT_LABELS[next]}`, ariaSort: !active ? "none" : params.sort === asc ? "ascending" : "descending" };
}

export default async function TriagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor } = await requirePagePermission("case.view_all", "/triage");
  const params = readTriageParams(await searchParams);
  const { queue, caseworkers } = await loadPage("/triage", (ctx) => ({ queue: loadQueue(ctx, params), caseworkers: listCaseworkerOptions(ctx) }));
  const { page, fieldErrors } = queue;
  const canAssign = hasPermission(actor, "case.assign");
  const filtered = hasFilters(params);

  return (
    <>
      <h1 className="govuk-heading-l">Triage</h1>
      {Object.keys(fieldErrors).length > 0 ? <ErrorSummary idPrefix="filter" fieldErrors={fieldErrors} fieldOrder={FIELD_ORDER} /> : null}

      <nav className="moj-sub-navigation" aria-label="Triage views">
        <ul className="moj-sub-navigation__list">
          {TRIAGE_TABS.map((tab) => (
            <li className="moj-sub-navigation__item" key={tab}>
              <a className="moj-sub-navigation__link" href={triageHref(params, { tab })} aria-current={tab === params.tab ? "page" : undefined}>
                {TAB_LABELS[tab]}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="moj-filter-layout">
        <div className="moj-filter-layout__filter">
          <TriageFilters params={params} caseworkers={caseworkers} fieldErrors={fieldErrors} />
        </div>
        <div className="moj-filter-layout__content">
          {page.searchTruncated ? (
            <div className="govuk-inset-text">
              The search matched more than {SEARCH_MATCH_CAP.toLocaleString("en-GB")} complaints, so only the {SEARCH_MATCH_CAP.toLocaleString("en-GB")} most recent are listed. Add words to narrow it.
            </div>
          ) : null}
          {page.items.length > 0 ? (
            <p className="govuk-body">
              <a className="govuk-link" href={triageExportHref(params)} download>
                Download this list as CSV
              </a>{" "}
              (every page, up to {CSV_ROW_LIMIT.toLocaleString("en-GB")} rows)
            </p>
          ) : null}
          <TriageQueueTable
            rows={page.items.map(toQueueRow)}
            caption={`${CAPTIONS[params.tab]}, ${SORT_LABELS[params.sort]}`}
            sortHeaders={{ received: sortHeader(params, "Received", "received-asc", "received-desc"), due: sortHeader(params, "Case to answer due", "due-asc", "due-desc") }}
            bulk={canAssign ? { caseworkers: caseworkers.filter((c) => c.active).map((c) => [c.id, c.name]), action: assignSelectedCasesAction } : null}
            empty={
              <>
                <p className="govuk-body">{filtered ? "No cases match these filters." : params.tab === "mine" ? "No open cases are assigned to you." : params.tab === "unassigned" ? "There are no unassigned open cases." : "There are no open cases."}</p>
                {filtered ? (
                  <p className="govuk-body">
                    <a className="govuk-link" href={clearFiltersHref(params)}>
                      Clear filters
                    </a>
                  </p>
                ) : null}
              </>
            }
          />
          {page.prevCursor || page.nextCursor ? (
            <nav className="govuk-pagination govuk-pagination--block" aria-label="Pagination">
              {page.prevCursor ? (
                <div className="govuk-pagination__prev">
                  <a className="govuk-link govuk-pagination__link" href={triageHref(params, { before: page.prevCursor })} rel="prev">
                    <span className="govuk-pagination__link-title">Previous page</span>
                  </a>
                </div>
              ) : null}
              {page.nextCursor ? (
                <div className="govuk-pagination__next">
                  <a className="govuk-link govuk-pagination__link" href={triageHref(params, { after: page.nextCursor })} rel="next">
                    <span className="govuk-pagination__link-title">Next page</span>
                  </a>
                </div>
              ) : null}
            </nav>
          ) : null}
        </div>
      </div>
    </>
  );
}
