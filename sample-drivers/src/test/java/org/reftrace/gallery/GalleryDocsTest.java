package org.reftrace.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GalleryDocsTest {

    @Test
    void docsGalleryPageMatchesTheScenarios() throws Exception {
        Path page = Path.of("..", "docs", "gallery.md");
        assertThat(Files.readString(page))
                .as("docs/gallery.md is out of date: regenerate it with "
                        + "java -cp sample-drivers/target/classes org.reftrace.gallery.GalleryDocs > docs/gallery.md")
                .isEqualTo(GalleryDocs.markdown());
    }
}
