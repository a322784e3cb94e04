import type { HandoverNoteRecord } from '../../../app/ports/store/handover.port.js';

// A handover note as both engines store it (the handover_notes table).

export interface NoteRow {
  id: string;
  region_id: string;
  author: string;
  author_name: string;
  note: string;
  at: number;
}

export const noteFromRow = (r: NoteRow): HandoverNoteRecord => ({ id: r.id, regionId: r.region_id, author: r.author, authorName: r.author_name, note: r.note, at: r.at });
