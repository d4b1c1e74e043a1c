package org.reftrace.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
    private static final java.time.Instant AT = LocalDateTime.of(2026, 11, 29, 15, 46, 16)
            .atZone(ZoneId.systemDefault()).toInstant();

    @Test
    void expandsPidAndTimestampAsAsyncProfilerDoes() {
        assertThat(PathTemplate.expand("d-%p-%t.json", 4242, AT)).isEqualTo("d-4242-20261129-154616.json");
        assertThat(PathTemplate.expand("/tmp/%p/%p.json", 7, AT)).isEqualTo("/tmp/7/7.json");
    }

    @Test
    void keepsPlainPathsAndPercentSigns() {
        assertThat(PathTemplate.expand("out/dump.json", 1, AT)).isEqualTo("out/dump.json");
        assertThat(PathTemplate.expand("100%%-%p.json", 1, AT)).isEqualTo("100%-1.json");
        assertThat(PathTemplate.hasPlaceholders("a.json")).isFalse();
        assertThat(PathTemplate.hasPlaceholders("a-%p.json")).isTrue();
    }

    @Test
    void rejectsUnknownPlaceholdersSayingWhichAndWhatIsKnown() {
        assertThatThrownBy(() -> PathTemplate.expand("d-%q.json", 1, AT)).isInstanceOf(PathTemplate.TemplateException.class)
                .hasMessage("'d-%q.json' has an unknown placeholder '%q' (expected: %p for the pid, %t for a timestamp, "
                        + "%% for a percent sign)");
        assertThatThrownBy(() -> PathTemplate.expand("d-%", 1, AT)).hasMessageContaining("a lone '%' at its end");
    }
}
