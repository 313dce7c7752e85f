import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { countryOptions } from "@/domain/complaints/countries";
import { complainantDefaults, getDraftForFiler } from "@/domain/complaints/get-draft";
import { isSectionSlug, SECTION_TITLES } from "@/domain/complaints/questions";
import { draftSection, fieldOrder } from "@/domain/complaints/sections";
import { loadPage } from "@/server/page";
import { SectionForm } from "./SectionForm";

export async function generateMetadata({ params }: { params: Promise<{ section: string }> }): Promise<Metadata> {
  const { section } = await params;
  return { title: isSectionSlug(section) ? SECTION_TITLES[section] : "Page not found" };
}

export default async function ComplaintSectionPage({ params, searchParams }: { params: Promise<{ draftId: string; section: string }>; searchParams: Promise<{ return?: string }> }) {
  const { draftId, section } = await params;
  if (!isSectionSlug(section)) notFound();
  const returnToCheck = (await searchParams).return === "check";
  const base = `/portal/complaints/${encodeURIComponent(draftId)}`;
  const initial = await loadPage(`${base}/${section}`, (ctx) => {
    const draft = getDraftForFiler(ctx, draftId);
    // Until the complainant page is first saved, it starts from the signed-in representative.
    return draftSection(draft.answers, section) ?? (section === "complainant" ? complainantDefaults(ctx) : {});
  });
  return (
    <>
      <a href={returnToCheck ? `${base}/check-answers` : base} className="govuk-back-link">
        Back
      </a>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SectionForm
            draftId={draftId}
            section={section}
            title={SECTION_TITLES[section]}
            initial={initial}
            returnToCheck={returnToCheck}
            fieldOrder={fieldOrder(section)}
            countries={section === "respondent" ? countryOptions() : []}
          />
        </div>
      </div>
    </>
  );
}
