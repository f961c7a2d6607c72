// What volunteerFigures, exportVolunteerFigures share: not use cases, off the package root.

/** Minutes as hours with one decimal. */
export const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
