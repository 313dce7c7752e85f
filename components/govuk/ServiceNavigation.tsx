"use client";

import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  text: string;
}

/** GOV.UK service navigation; marks the section the current page belongs to. */
export function ServiceNavigation({ items, end }: { items: NavItem[]; end?: React.ReactNode }) {
  const pathname = usePathname();
  const current = items.reduce<NavItem | undefined>((best, item) => {
    const matches = pathname === item.href || pathname.startsWith(`${item.href}/`);
    return matches && (!best || item.href.length > best.href.length) ? item : best;
  }, undefined);
  return (
    <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <a href="/" className="govuk-service-navigation__link">
              IP Casework
            </a>
          </span>
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <button type="button" className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">
              Menu
            </button>
            <ul className="govuk-service-navigation__list" id="navigation">
              {items.map((item) => {
                const active = item === current;
                return (
                  <li key={item.href} className={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}>
                    <a className="govuk-service-navigation__link" href={item.href} aria-current={active ? (pathname === item.href ? "page" : "true") : undefined}>
                      {active ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
                    </a>
                  </li>
                );
              })}
              {end}
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}
