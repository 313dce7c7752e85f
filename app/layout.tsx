import type { Metadata } from "next";
import { headers } from "next/headers";
import { Header } from "@/components/govuk/Header";
import { PhaseBanner } from "@/components/govuk/PhaseBanner";
import { Footer } from "@/components/govuk/Footer";
import { ServiceNavigation } from "@/components/govuk/ServiceNavigation";
import { navigationFor } from "@/components/app/navigation";
import { QueryProvider } from "@/components/app/QueryProvider";
import { NotificationsLink } from "@/components/app/NotificationsLink";
import { getActor, getCtx } from "@/server/session";
import { countUnreadNotifications } from "@/domain/notifications/unread-count";
import "./app.css";

export const metadata: Metadata = {
  title: { default: "IP Casework", template: "%s – IP Casework" },
  description: "Case management for intellectual-property complaints",
  icons: { icon: "/assets/images/favicon.ico" },
};

const ROLE_LABELS = { caseworker: "caseworker", supervisor: "supervisor", admin: "administrator", party: "party representative", amicus: "amicus applicant" } as const;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // getActor is cached for the request, and reads the database only when there is a session cookie:
  // the not-found page is prerendered at build time, when the database must not be opened.
  const actor = await getActor();
  const unread = actor ? countUnreadNotifications(await getCtx()) : 0;
  // proxy.ts puts this request's nonce in the Content-Security-Policy; scripts without it do not run.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className="govuk-template govuk-template--rebranded">
      <head>
        <link rel="stylesheet" href="/vendor/govuk-frontend.min.css" />
        <link rel="stylesheet" href="/vendor/moj-frontend.min.css" />
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <Header />
        {/* One react-query client for the page: the header's unread count and the live views share it. */}
        <QueryProvider>
          <ServiceNavigation
            items={navigationFor(actor?.role ?? null)}
            end={
              actor ? (
                <>
                  <NotificationsLink initialUnread={unread} />
                  <li className="govuk-service-navigation__item">
                    <a className="govuk-service-navigation__link" href="/sign-out">
                      Sign out
                    </a>
                  </li>
                </>
              ) : null
            }
          />
          <PhaseBanner />
          <div className="govuk-width-container">
            {actor ? (
              <p className="govuk-body-s app-signed-in">
                Signed in as {actor.name} ({ROLE_LABELS[actor.role]})
              </p>
            ) : null}
            <main className="govuk-main-wrapper" id="main-content">
              {children}
            </main>
          </div>
        </QueryProvider>
        <Footer />
        <script type="module" src="/init-frontend.mjs" nonce={nonce} />
      </body>
    </html>
  );
}
