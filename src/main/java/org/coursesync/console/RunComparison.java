package org.coursesync.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.coursesync.course.CourseView;
import org.coursesync.course.RunView;

/**
 * A draft run beside its public copy, field by field, each difference flagged. Public:
 * the course page's template reads it.
 *
 * @param id the draft run's id ({@code null}: the draft was deleted, the copy stays until
 * the next publish)
 * @param label the run's title or link
 * @param status {@code new} (never published), {@code changed}, {@code unchanged} or
 * {@code deleted}
 * @param fields every compared field
 */
public record RunComparison(UUID id, String label, String status, List<Field> fields) {

	/** The run fields shown, with the sync payload's names. */
	private static final Map<String, Function<RunView, Object>> FIELDS = comparedFields();

	/** One field: the draft's value, the public copy's, and whether they differ. */
	public record Field(String name, String draft, String published, boolean differs) {
	}

	public long differences() {
		return this.fields.stream().filter(Field::differs).count();
	}

	/** Every draft run of {@code course} beside its copy, then copies without a draft. */
	static List<RunComparison> of(CourseView course) {
		Map<UUID, RunView> copies = new LinkedHashMap<>();
		course.publicRuns().forEach((copy) -> copies.put(copy.draftRunId(), copy));
		List<RunComparison> comparisons = new ArrayList<>();
		for (RunView draft : course.draftRuns()) {
			comparisons.add(compare(draft.id(), draft, copies.remove(draft.id())));
		}
		copies.values().forEach((copy) -> comparisons.add(compare(null, null, copy)));
		return comparisons;
	}

	private static RunComparison compare(UUID id, RunView draft, RunView copy) {
		List<Field> fields = new ArrayList<>();
		FIELDS.forEach((name, value) -> {
			String before = (copy != null) ? text(value.apply(copy)) : null;
			String after = (draft != null) ? text(value.apply(draft)) : null;
			fields.add(new Field(name, after, before, draft != null && copy != null && !Objects.equals(before, after)));
		});
		RunView shown = (draft != null) ? draft : copy;
		String label = (shown.title() != null) ? shown.title()
				: (shown.resourceLink() != null) ? shown.resourceLink() : shown.id().toString();
		String status = (draft == null) ? "deleted"
				: (copy == null) ? "new" : fields.stream().anyMatch(Field::differs) ? "changed" : "unchanged";
		return new RunComparison(id, label, status, fields);
	}

	private static String text(Object value) {
		if (value instanceof List<?> list) {
			return String.join(", ", list.stream().map(String::valueOf).toList());
		}
		return (value != null) ? value.toString() : null;
	}

	private static Map<String, Function<RunView, Object>> comparedFields() {
		Map<String, Function<RunView, Object>> fields = new LinkedHashMap<>();
		fields.put("resource_link", RunView::resourceLink);
		fields.put("lms_backend", RunView::lmsBackend);
		fields.put("sync_mode", RunView::syncMode);
		fields.put("title", RunView::title);
		fields.put("display_mode", RunView::displayMode);
		fields.put("start", RunView::start);
		fields.put("end", RunView::end);
		fields.put("enrollment_start", RunView::enrollmentStart);
		fields.put("enrollment_end", RunView::enrollmentEnd);
		fields.put("languages", RunView::languages);
		fields.put("enrollment_count", RunView::enrollmentCount);
		fields.put("catalog_visibility", RunView::catalogVisibility);
		fields.put("price", RunView::price);
		fields.put("price_currency", RunView::priceCurrency);
		fields.put("offer", RunView::offer);
		fields.put("certificate_price", RunView::certificatePrice);
		fields.put("certificate_offer", RunView::certificateOffer);
		fields.put("discounted_price", RunView::discountedPrice);
		fields.put("discount", RunView::discount);
		fields.put("certificate_discounted_price", RunView::certificateDiscountedPrice);
		fields.put("certificate_discount", RunView::certificateDiscount);
		return fields;
	}

}
