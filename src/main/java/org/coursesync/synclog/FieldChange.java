package org.coursesync.synclog;

/**
 * One field's change in a history row, stored as {@code {"before": .., "after": ..}}.
 *
 * @param before the value the write replaced (may be null)
 * @param after the value written (may be null)
 */
public record FieldChange(Object before, Object after) {
}
