package org.reftrace.samples.lucene;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;

/**
 * Readers used directly, without a manager, as an auditing job would: a near-real-time reader opened with
 * {@link DirectoryReader#open(IndexWriter)} and moved forward with {@link DirectoryReader#openIfChanged}
 * (closing the old one), a reader on the last commit opened with {@link DirectoryReader#open(Directory)} and
 * reopened the same way (the new one shares the old one's segments), {@code incRef()} before a reader is handed to
 * another thread that {@code decRef()}s it, and {@code tryIncRef()} where the reader might already be closed. Every
 * reference it takes it gives back. Not thread-safe: one auditing thread.
 */
final class ReaderAudit implements AutoCloseable {
    private final IndexWriter writer;
    private final Directory directory;
    private final ExecutorService helper;
    private DirectoryReader nearRealTime;
    private DirectoryReader lastCommit;
    private int reopened;
    private int handedOff;
    private int tried;

    ReaderAudit(IndexWriter writer, Directory directory, ExecutorService helper) throws IOException {
        this.writer = writer;
        this.directory = directory;
        this.helper = helper;
        this.nearRealTime = DirectoryReader.open(writer);
    }

    /**
     * Commits, moves both readers to what is in the index now, and counts its documents twice: once on a helper
     * thread holding its own reference, once under {@code tryIncRef()}.
     *
     * @return the documents the near-real-time reader sees
     */
    int audit() throws IOException, InterruptedException, ExecutionException {
        writer.commit();
        DirectoryReader newer = DirectoryReader.openIfChanged(nearRealTime);
        if (newer != null) {
            nearRealTime.close();
            nearRealTime = newer;
            reopened++;
        }
        if (lastCommit == null) {
            lastCommit = DirectoryReader.open(directory);
        } else {
            DirectoryReader committed = DirectoryReader.openIfChanged(lastCommit);
            if (committed != null) {
                lastCommit.decRef();
                lastCommit = committed;
                reopened++;
            }
        }
        DirectoryReader reader = nearRealTime;
        reader.incRef(); // the helper thread's reference: it gives it back
        handedOff++;
        Future<Integer> counted = helper.submit(() -> {
            try {
                return reader.numDocs();
            } finally {
                reader.decRef();
            }
        });
        int docs = counted.get();
        if (lastCommit.tryIncRef()) {
            tried++;
            try {
                docs = Math.max(docs, lastCommit.numDocs());
            } finally {
                lastCommit.decRef();
            }
        }
        return docs;
    }

    /** Readers opened by {@code openIfChanged} so far. */
    int reopened() {
        return reopened;
    }

    /** References taken with {@code incRef()} and given back on the helper thread. */
    int handedOff() {
        return handedOff;
    }

    /** References taken with a successful {@code tryIncRef()}. */
    int tried() {
        return tried;
    }

    /** Closes both readers. */
    @Override
    public void close() throws IOException {
        nearRealTime.close();
        if (lastCommit != null) {
            lastCommit.close();
        }
    }
}
