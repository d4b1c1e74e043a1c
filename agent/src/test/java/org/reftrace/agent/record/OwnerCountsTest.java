package org.reftrace.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The owner counts against a plain map, through growth and the backward-shift deletions. */
class OwnerCountsTest {
    @Test
    void randomAddsAndRemovalsMatchAPlainMap() {
        Random random = new Random(11);
        OwnerCounts counts = new OwnerCounts();
        Map<Integer, Integer> oracle = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // few distinct keys, many collisions in a small table: every probe-run shape occurs
            int key = 1 + random.nextInt(i < 100_000 ? 40 : 5_000);
            int delta = random.nextInt(3) == 0 ? -1 : 1;
            int now = oracle.getOrDefault(key, 0);
            if (delta < 0 && now == 0) {
                continue;
            }
            counts.add(key, delta);
            if (now + delta == 0) {
                oracle.remove(key);
            } else {
                oracle.put(key, now + delta);
            }
            if (i % 997 == 0) {
                for (int k = 1; k <= 5_000; k++) {
                    assertThat(counts.count(k)).as("key %d after %d steps", k, i).isEqualTo(oracle.getOrDefault(k, 0));
                }
            }
        }
    }
}
