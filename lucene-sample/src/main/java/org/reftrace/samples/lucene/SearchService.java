package org.reftrace.samples.lucene;

import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Searches done the Lucene way: {@code acquire()} a searcher from the {@link SearcherManager}, search, and
 * {@code release(searcher)} in a {@code finally}. A request with a blank word is rejected; in the
 * {@link Variant#LEAKY} variant the rejection returns before the {@code try}, so that one searcher is never
 * released (the reader it views stays open for ever). Thread-safe.
 */
final class SearchService {
    static final String FIELD = "body";
    /** Returned for a rejected request. */
    static final int REJECTED = -1;

    private final SearcherManager manager;
    private final Variant variant;
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final Set<Object> readersSearched = Collections.newSetFromMap(new ConcurrentHashMap<>());

    SearchService(SearcherManager manager, Variant variant) {
        this.manager = manager;
        this.variant = variant;
    }

    /**
     * How many documents hold {@code word}, reading the stored title of the best few; {@link #REJECTED} for a blank
     * word.
     */
    int hits(String word) throws IOException {
        searches.incrementAndGet();
        IndexSearcher searcher = manager.acquire();
        if (variant == Variant.LEAKY && word.isBlank()) {
            rejected.incrementAndGet();
            return REJECTED; // the bug: this early return never calls manager.release(searcher)
        }
        try {
            if (word.isBlank()) {
                rejected.incrementAndGet();
                return REJECTED;
            }
            readersSearched.add(searcher.getIndexReader().getReaderCacheHelper().getKey());
            TopDocs top = searcher.search(new TermQuery(new Term(FIELD, word)), 3);
            for (ScoreDoc hit : top.scoreDocs) {
                searcher.storedFields().document(hit.doc).get(Indexer.TITLE);
            }
            return Math.toIntExact(top.totalHits.value);
        } finally {
            manager.release(searcher);
        }
    }

    /** Requests made so far, rejected ones included. */
    int searches() {
        return searches.get();
    }

    /** Requests rejected so far. */
    int rejected() {
        return rejected.get();
    }

    /** Distinct readers the searches ran on: more than one means refreshes swapped readers under them. */
    int readersSearched() {
        return readersSearched.size();
    }
}
