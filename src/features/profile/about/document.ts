/** A policy text as the app shows it: a title, when it took effect, numbered sections of paragraphs. */
export interface PolicyDocument {
  title: string;
  effective: string;
  intro: string;
  sections: readonly { heading: string; paragraphs: readonly string[] }[];
}
