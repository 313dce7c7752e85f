import { Tag, type TagColour } from "./Tag";

export interface TaskListItem {
  title: string;
  /** Omitted when the task cannot be started yet. */
  href?: string;
  hint?: string;
  /** A tag for statuses that need attention; plain text (e.g. "Completed") otherwise. */
  status: { text: string; colour?: TagColour };
}

/** The GOV.UK task list: each task's name (a link when it can be done) and its status. */
export function TaskList({ items, idPrefix = "task-list" }: { items: TaskListItem[]; idPrefix?: string }) {
  return (
    <ul className="govuk-task-list">
      {items.map((item, index) => {
        const statusId = `${idPrefix}-${index + 1}-status`;
        const hintId = `${idPrefix}-${index + 1}-hint`;
        return (
          <li className={`govuk-task-list__item${item.href ? " govuk-task-list__item--with-link" : ""}`} key={item.title}>
            <div className="govuk-task-list__name-and-hint">
              {item.href ? (
                <a className="govuk-link govuk-task-list__link" href={item.href} aria-describedby={item.hint ? `${hintId} ${statusId}` : statusId}>
                  {item.title}
                </a>
              ) : (
                <div>{item.title}</div>
              )}
              {item.hint ? (
                <div id={hintId} className="govuk-task-list__hint">
                  {item.hint}
                </div>
              ) : null}
            </div>
            <div className={`govuk-task-list__status${!item.href && !item.status.colour ? " govuk-task-list__status--cannot-start-yet" : ""}`} id={statusId}>
              {item.status.colour ? <Tag colour={item.status.colour}>{item.status.text}</Tag> : item.status.text}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
