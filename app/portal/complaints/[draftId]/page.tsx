import type { Metadata } from "next";
import { TaskList, type TaskListItem } from "@/components/govuk/TaskList";
import type { TagColour } from "@/components/govuk/Tag";
import { getDraftForFiler } from "@/domain/complaints/get-draft";
import type { SectionStatus } from "@/domain/complaints/sections";
import { loadPage } from "@/server/page";

export const metadata: Metadata = { title: "Your draft complaint" };

const STATUS: Record<SectionStatus, { text: string; colour?: TagColour }> = {
  completed: { text: "Completed" },
  incomplete: { text: "Incomplete", colour: "blue" },
  not_started: { text: "Not yet started", colour: "light-blue" },
};

export default async function DraftTaskListPage({ params }: { params: Promise<{ draftId: string }> }) {
  const { draftId } = await params;
  const base = `/portal/complaints/${encodeURIComponent(draftId)}`;
  const draft = await loadPage(base, (ctx) => getDraftForFiler(ctx, draftId));
  const completed = draft.sections.filter((s) => s.status === "completed").length;
  const tasks: TaskListItem[] = draft.sections.map((section) => ({ title: section.title, href: `${base}/${section.slug}`, status: STATUS[section.status] }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">Draft complaint</span>
        <h1 className="govuk-heading-l">Your complaint</h1>
        <p className="govuk-body">
          You have completed {completed} of {draft.sections.length} sections.
        </p>
        <p className="govuk-body">Your answers are saved each time you save a page. You can come back to this draft later from My cases.</p>
        <h2 className="govuk-heading-m">Tell us about the complaint</h2>
        <TaskList idPrefix="complaint-sections" items={tasks} />
        <h2 className="govuk-heading-m">Submit the complaint</h2>
        <TaskList
          idPrefix="complaint-submit"
          items={[
            draft.readyToSubmit
              ? { title: "Check your answers and submit", href: `${base}/check-answers`, status: STATUS.not_started }
              : { title: "Check your answers and submit", hint: "Complete every section first.", status: { text: "Cannot start yet" } },
          ]}
        />
        <p className="govuk-body">
          <a className="govuk-link" href={`${base}/delete`}>
            Delete this draft
          </a>
        </p>
      </div>
    </div>
  );
}
