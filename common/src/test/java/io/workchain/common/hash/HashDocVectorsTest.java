package io.workchain.common.hash;

import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test vectors of docs/hash.md, read from that file as the Python and Node.js clients' tests
 * read them: what other languages check themselves against is what Java computes.
 */
class HashDocVectorsTest {

    private static final Path HASH_DOC = Path.of(System.getProperty("workchain.root", ".."), "docs", "hash.md");
    // The same shape the clients' tests look for; the canonical form line is optional.
    private static final Pattern VECTOR = Pattern.compile(
            "\\*\\*Vector (\\d+)\\*\\*.*?```json\\n(.*?)```(?:\\ncanonical form: `([^\\n]*)`)?.*?\\nhash: `([0-9a-f]{32})`",
            Pattern.DOTALL);

    record Vector(int number, String json, String canonicalForm, String hash) {}

    static List<Vector> vectors() throws IOException {
        Matcher matcher = VECTOR.matcher(Files.readString(HASH_DOC, StandardCharsets.UTF_8));
        List<Vector> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(new Vector(Integer.parseInt(matcher.group(1)), matcher.group(2), matcher.group(3),
                    matcher.group(4)));
        }
        return found;
    }

    @Test
    void everyVectorOfTheDocsHoldsInJava() throws IOException {
        List<Vector> found = vectors();
        assertEquals(IntStream.rangeClosed(1, found.size()).boxed().toList(),
                found.stream().map(Vector::number).toList(),
                "every vector of docs/hash.md read, in order");
        assertTrue(found.size() >= 7, "docs/hash.md has its vectors, run ids included: " + found.size());
        for (Vector vector : found) {
            WorkMessage work = MessageCodec.decode(vector.json().getBytes(StandardCharsets.UTF_8), null,
                    WorkMessage.class);
            if (vector.canonicalForm() != null) {
                assertEquals(vector.canonicalForm(), ChainHash.canonicalForm(work.items(), work.runId()),
                        "vector " + vector.number());
            }
            assertEquals(vector.hash(), ChainHash.of(work), "vector " + vector.number());
            assertEquals(vector.hash(), ChainHash.ensure(work).hash(), "vector " + vector.number());
        }
    }

    @Test
    void theDocsShowARunIdAndItsCanonicalForm() throws IOException {
        assertTrue(vectors().stream().anyMatch(v -> v.json().contains("\"run_id\"") && v.canonicalForm() != null
                && v.canonicalForm().startsWith("{\"items\":[")), "a vector with a run id shows the object it hashes");
    }
}
