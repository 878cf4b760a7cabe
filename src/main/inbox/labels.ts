/** Words the inbox shows for things Slack leaves unnamed. */

/** The workspace column of a request made for the whole org (Slack sends `team: null`). */
export const WHOLE_ORG_LABEL = 'Whole org';
