/**
 * Code that more than one rule's tests lint, each for its own finding: written once, so the cases
 * cannot drift apart.
 */

/** A NestJS provider that keeps live documents (each with its clients and timers) by id: created by one method, found by another. */
export const LIVE_DOCUMENTS_STORE = `
import { Injectable } from '@nestjs/common';
import { LiveDocument } from './live-document';

@Injectable()
export class DocumentsStore {
  private readonly open = new Map<string, LiveDocument>();

  create(id: string, text: string): LiveDocument {
    const document = new LiveDocument(id, text);
    document.once('closed', () => this.open.delete(id));
    this.open.set(id, document);
    return document;
  }

  find(id: string): LiveDocument | undefined {
    return this.open.get(id);
  }
}
`;
