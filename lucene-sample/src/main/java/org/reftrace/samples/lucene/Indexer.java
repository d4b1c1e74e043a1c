package org.reftrace.samples.lucene;

import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;

/**
 * Adds and updates documents through the {@link IndexWriter} and makes them searchable with
 * {@link SearcherManager#maybeRefresh()}: each refresh that finds changes opens a new reader and releases the
 * manager's reference on the old one, which Lucene closes when its last searcher is released. Not thread-safe: one
 * indexing thread.
 */
final class Indexer {
    static final String ID = "id";
    static final String TITLE = "title";
    /** The words documents are made of: searches ask for them. */
    static final String[] WORDS = {"refcount", "reader", "segment", "searcher", "merge", "commit", "flush",
        "posting", "term", "norms", "vector", "codec"};

    private final IndexWriter writer;
    private final SearcherManager manager;
    private int documents;
    private int refreshes;

    Indexer(IndexWriter writer, SearcherManager manager) {
        this.writer = writer;
        this.manager = manager;
    }

    /** Adds {@code count} new documents and rewrites one older one (a delete and an add), without refreshing. */
    void add(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            writer.addDocument(document(documents++));
        }
        if (documents > count) {
            int old = documents / 2;
            writer.updateDocument(new Term(ID, Integer.toString(old)), document(old));
        }
    }

    /** Makes what was added searchable: {@link SearcherManager#maybeRefresh()} (this is the only thread that refreshes). */
    void refresh() throws IOException {
        if (manager.maybeRefresh()) {
            refreshes++;
        }
    }

    /** Documents added so far. */
    int documents() {
        return documents;
    }

    /** Refreshes made so far. */
    int refreshes() {
        return refreshes;
    }

    static Document document(int n) {
        Document doc = new Document();
        doc.add(new StringField(ID, Integer.toString(n), Field.Store.YES));
        doc.add(new StoredField(TITLE, "document " + n));
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 4; w++) {
            body.append(WORDS[(n * 7 + w * 5) % WORDS.length]).append(' ');
        }
        doc.add(new TextField(SearchService.FIELD, body.toString(), Field.Store.NO));
        return doc;
    }
}
