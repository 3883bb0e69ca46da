package io.workchain.common.message;

/**
 * A message that cannot be accepted, with the field at fault ({@code items[1].request.method})
 * and the problem ({@code is missing}), so the reason can be shown to whoever wrote it.
 */
public class MalformedMessageException extends RuntimeException {

    private final String field;
    private final String problem;

    public MalformedMessageException(String field, String problem) {
        this(field, problem, null);
    }

    public MalformedMessageException(String field, String problem, Throwable cause) {
        super(field == null || field.isEmpty() ? problem : field + " " + problem, cause, false, false);
        this.field = field;
        this.problem = problem;
    }

    /** The path of the field at fault, empty when the message as a whole is at fault. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
