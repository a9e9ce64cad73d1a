/** Texts of the enquiry log's answer templates, attachments and reminders (German first). */
import { useI18n } from '../i18n';

const de = {
  templatesNav: 'Antwortvorlagen',
  templatesLead:
    'Textbausteine für wiederkehrende Antworten. Auf der Seite einer Anfrage lässt sich eine Vorlage in den Antworttext einfügen.',
  templatesCaption: (n: number) => `Antwortvorlagen (${n})`,
  noTemplates: 'Noch keine Antwortvorlagen.',
  colTemplateTitle: 'Titel',
  colTemplateText: 'Text',
  colActions: 'Aktionen',
  newTemplateHeading: 'Antwortvorlage anlegen',
  editTemplateHeading: (t: string) => `Antwortvorlage „${t}“ bearbeiten`,
  fTemplateTitle: 'Titel der Vorlage',
  fTemplateText: 'Text der Vorlage',
  createTemplate: 'Vorlage anlegen',
  saveTemplate: 'Vorlage speichern',
  cancel: 'Abbrechen',
  edit: (t: string) => `„${t}“ bearbeiten`,
  editShort: 'Bearbeiten',
  remove: (t: string) => `„${t}“ löschen`,
  removeShort: 'Löschen',
  templateCreated: (t: string) => `Die Vorlage „${t}“ wurde angelegt.`,
  templateSaved: (t: string) => `Die Vorlage „${t}“ wurde gespeichert.`,
  templateRemoved: (t: string) => `Die Vorlage „${t}“ wurde gelöscht.`,
  errTemplateRequired: 'Bitte Titel und Text der Vorlage ausfüllen.',
  fInsertTemplate: 'Antwortvorlage',
  chooseTemplate: 'Vorlage wählen …',
  insertTemplate: 'Vorlage einfügen',
  templateInserted: (t: string) => `Die Vorlage „${t}“ wurde in den Antworttext eingefügt.`,
  attachmentsHeading: 'Anlagen zur Antwort',
  noAttachments: 'Keine Anlagen.',
  download: (n: string) => `${n} herunterladen`,
  fFile: 'Datei (PDF, Bild oder Office-Dokument, höchstens 10 MB)',
  uploadAttachment: 'Anlage hochladen',
  errNoFile: 'Bitte eine Datei auswählen.',
  attachmentAdded: (n: string) => `Die Anlage „${n}“ wurde hochgeladen.`,
  attachmentRemoved: (n: string) => `Die Anlage „${n}“ wurde entfernt.`,
  remindersHeading: 'Fristen von Anfragen',
  remindersLead: (days: number) =>
    `Offene Anfragen, deren Frist überschritten ist oder in den nächsten ${days} Tagen endet.`,
  dueOn: (d: string) => `Frist ${d}`,
  overdueSince: (d: string) => `überfällig seit ${d}`,
  toEnquiries: 'Zum Anfragenbuch',
};
export type EnquiryTexts = typeof de;

const en: EnquiryTexts = {
  templatesNav: 'Answer templates',
  templatesLead:
    'Text blocks for recurring answers. On an enquiry’s page a template can be inserted into the answer.',
  templatesCaption: (n) => `Answer templates (${n})`,
  noTemplates: 'No answer templates yet.',
  colTemplateTitle: 'Title',
  colTemplateText: 'Text',
  colActions: 'Actions',
  newTemplateHeading: 'New answer template',
  editTemplateHeading: (t) => `Edit answer template “${t}”`,
  fTemplateTitle: 'Title of the template',
  fTemplateText: 'Text of the template',
  createTemplate: 'Create template',
  saveTemplate: 'Save template',
  cancel: 'Cancel',
  edit: (t) => `Edit “${t}”`,
  editShort: 'Edit',
  remove: (t) => `Delete “${t}”`,
  removeShort: 'Delete',
  templateCreated: (t) => `The template “${t}” was created.`,
  templateSaved: (t) => `The template “${t}” was saved.`,
  templateRemoved: (t) => `The template “${t}” was deleted.`,
  errTemplateRequired: 'Please fill in the title and text of the template.',
  fInsertTemplate: 'Answer template',
  chooseTemplate: 'Choose a template …',
  insertTemplate: 'Insert template',
  templateInserted: (t) => `The template “${t}” was inserted into the answer.`,
  attachmentsHeading: 'Attachments to the answer',
  noAttachments: 'No attachments.',
  download: (n) => `Download ${n}`,
  fFile: 'File (PDF, image or office document, at most 10 MB)',
  uploadAttachment: 'Upload attachment',
  errNoFile: 'Please choose a file.',
  attachmentAdded: (n) => `The attachment “${n}” was uploaded.`,
  attachmentRemoved: (n) => `The attachment “${n}” was removed.`,
  remindersHeading: 'Due dates of enquiries',
  remindersLead: (days) => `Open enquiries past their due date or due within the next ${days} days.`,
  dueOn: (d) => `due ${d}`,
  overdueSince: (d) => `overdue since ${d}`,
  toEnquiries: 'To the enquiry log',
};

export const ENQUIRY_TEXTS = { de, en };

export function useEnquiryTexts(): EnquiryTexts {
  const { lang } = useI18n();
  return ENQUIRY_TEXTS[lang];
}
