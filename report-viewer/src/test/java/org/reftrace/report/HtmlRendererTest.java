package org.reftrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlRendererTest {
    static final String HOSTILE = "</script><script>alert(1)</script><!--&\u2028";

    @TempDir
    Path dir;

    @Test
    void noStringFromADumpCanCloseTheDataScript() throws Exception {
        ReportData data = ReportBuilder.build("t", List.of(new ReportBuilder.Source("d.json",
                Dumps.hung(HOSTILE, 1, "app.X.y(X.java:1)"))), Progress.SILENT);
        String html = HtmlRenderer.render(data);
        String slot = html.substring(html.indexOf("id=\"reftrace-data\">") + 19, html.indexOf("</script>",
                html.indexOf("id=\"reftrace-data\">")));
        assertThat(slot).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
        // and it is still the same data
        assertThat(new ObjectMapper().readTree(slot).get("objects").get(0).get("name").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void thePageIsSelfContained() {
        ReportData data = ReportBuilder.build("t", List.of(new ReportBuilder.Source("d.json",
                Dumps.hung("eth0", 1, "app.X.y(X.java:1)"))), Progress.SILENT);
        String html = HtmlRenderer.render(data);
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("<link")
                .doesNotContain("@import").contains("default-src 'none'").doesNotContain(HtmlRenderer.SLOT);
    }

    @Test
    void writingReplacesThePageWholeAndLeavesNoTemporaryFile() throws Exception {
        Path page = dir.resolve("report.html");
        Files.writeString(page, "old");
        HtmlRenderer.write(ReportBuilder.build("t", List.of(new ReportBuilder.Source("d.json",
                Dumps.hung("eth0", 1, "app.X.y(X.java:1)"))), Progress.SILENT), page);
        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>");
        assertThat(Files.list(dir)).containsExactly(page);
    }
}
