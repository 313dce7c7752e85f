import type { Metadata } from "next";
import { formatDate } from "@/components/app/format";
import { calendarFeedsView, type CaseFeedSummary } from "@/domain/calendar/list-calendar-feeds";
import { loadPage, requireSignedIn } from "@/server/page";
import { CalendarFeedControls } from "./CalendarFeedControls";

export const metadata: Metadata = { title: "Calendar feeds" };

type SearchParams = Record<string, string | string[] | undefined>;

const caseLabel = (feed: CaseFeedSummary) => `${feed.reference ?? "Case"}: ${feed.title}`;

function CaseFeed({ feed, headingLevel }: { feed: CaseFeedSummary; headingLevel: "h2" | "h3" }) {
  const Heading = headingLevel;
  const headingId = `case-feed-${feed.caseId}`;
  return (
    <section aria-labelledby={headingId}>
      <Heading className={headingLevel === "h2" ? "govuk-heading-m" : "govuk-heading-s"} id={headingId}>
        {headingLevel === "h2" ? "This case’s deadlines: " : ""}
        {caseLabel(feed)}
      </Heading>
      <CalendarFeedControls
        idPrefix={`case-${feed.caseId}`}
        caseId={feed.caseId}
        createdOn={feed.createdAt ? formatDate(feed.createdAt) : null}
        labels={{ create: "Create a calendar link for this case", forWhom: `for ${feed.reference ?? "this case"}`, revoke: "Turn off this case’s calendar link" }}
      />
    </section>
  );
}

/** Secret iCalendar links to a user's deadlines, and to the deadlines of cases they work on or are party to. */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const requested = (await searchParams).case;
  const caseId = typeof requested === "string" && requested.trim() !== "" ? requested.trim() : undefined;
  const returnTo = caseId ? `/calendar?case=${encodeURIComponent(caseId)}` : "/calendar";
  await requireSignedIn(returnTo);
  const view = await loadPage(returnTo, (ctx) => calendarFeedsView(ctx, { caseId }));
  const otherCaseFeeds = view.caseFeeds.filter((feed) => feed.caseId !== view.focusCase?.caseId);
  return (
    <>
      <h1 className="govuk-heading-l">Calendar feeds</h1>
      <p className="govuk-body-l">See your deadlines in Outlook, Google Calendar or any calendar app that can subscribe to an internet calendar.</p>
      <p className="govuk-body">
        Each deadline shows as an all-day event on its due date, with a reminder the day before. Your calendar app checks for changes by itself, so a stopped clock or an extension shows up
        there too, usually within a few hours.
      </p>

      {view.focusCase ? <CaseFeed feed={view.focusCase} headingLevel="h2" /> : null}

      <section aria-labelledby="personal-feed">
        <h2 className="govuk-heading-m" id="personal-feed">
          Your deadlines
        </h2>
        <p className="govuk-body">{view.personalScope}</p>
        <CalendarFeedControls idPrefix="personal" createdOn={view.personalCreatedAt ? formatDate(view.personalCreatedAt) : null} labels={{ create: "Create my calendar link", revoke: "Turn off my calendar link" }} />
      </section>

      <section aria-labelledby="case-feeds">
        <h2 className="govuk-heading-m" id="case-feeds">
          {view.focusCase ? "Your other case calendars" : "Your case calendars"}
        </h2>
        {otherCaseFeeds.length === 0 ? (
          <p className="govuk-body">
            {view.focusCase ? "You have no other case calendar links." : "You have no case calendar links."} To follow one case’s deadlines, open the case and choose “Subscribe to this case’s deadlines”.
          </p>
        ) : (
          otherCaseFeeds.map((feed) => <CaseFeed key={feed.caseId} feed={feed} headingLevel="h3" />)
        )}
      </section>

      <section aria-labelledby="how-to-subscribe">
        <h2 className="govuk-heading-m" id="how-to-subscribe">
          How to subscribe
        </h2>
        <p className="govuk-body">Create a link above and copy it. Then:</p>
        <h3 className="govuk-heading-s">Outlook</h3>
        <ol className="govuk-list govuk-list--number">
          <li>Open your calendar in Outlook on the web, or in the new Outlook for Windows.</li>
          <li>Select “Add calendar”, then “Subscribe from web”.</li>
          <li>Paste the link, give the calendar a name such as “IP Casework deadlines”, and select “Import”.</li>
        </ol>
        <h3 className="govuk-heading-s">Google Calendar</h3>
        <ol className="govuk-list govuk-list--number">
          <li>Open Google Calendar on a computer.</li>
          <li>Next to “Other calendars”, select the plus sign, then “From URL”.</li>
          <li>Paste the link and select “Add calendar”.</li>
        </ol>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Keep your links private. Anyone who has one can see the deadlines it shows, without signing in. If you think someone else has a link, create a new one or turn it off.
          </strong>
        </div>
      </section>
    </>
  );
}
