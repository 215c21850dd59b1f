package org.coursesync.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.coursesync.course.RunField;
import org.coursesync.course.RunView;

/**
 * The fields of a run as the console shows and edits them: the admin fields, then the
 * syncable fields in the sync payload's order, each as the text of a form input.
 */
final class RunFields {

	/** Fields a person edits beside the syncable ones (the admin API's names). */
	static final List<String> ADMIN = List.of("sync_mode", "title", "display_mode");

	/** Every field, in the order the run page lists them. */
	static final List<String> ALL;

	static {
		List<String> all = new ArrayList<>(ADMIN);
		for (RunField field : RunField.values()) {
			all.add(field.jsonName());
		}
		ALL = List.copyOf(all);
	}

	private RunFields() {
	}

	/**
	 * A field's label: its name in words ({@code enrollment_start}: "Enrollment start").
	 */
	static String label(String name) {
		String words = name.replace('_', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	/**
	 * The text of {@code name} in {@code run} as a form shows it: empty for no value,
	 * datetimes in ISO-8601 UTC, languages separated by commas.
	 */
	static String text(RunView run, String name) {
		if (run == null) {
			return "";
		}
		Object value = switch (name) {
			case "sync_mode" -> run.syncMode();
			case "title" -> run.title();
			case "display_mode" -> run.displayMode();
			case "resource_link" -> run.resourceLink();
			case "start" -> run.start();
			case "end" -> run.end();
			case "enrollment_start" -> run.enrollmentStart();
			case "enrollment_end" -> run.enrollmentEnd();
			case "languages" -> (run.languages() != null) ? String.join(", ", run.languages()) : null;
			case "enrollment_count" -> run.enrollmentCount();
			case "catalog_visibility" -> run.catalogVisibility();
			case "price" -> run.price();
			case "price_currency" -> run.priceCurrency();
			case "offer" -> run.offer();
			case "certificate_price" -> run.certificatePrice();
			case "certificate_offer" -> run.certificateOffer();
			case "discounted_price" -> run.discountedPrice();
			case "discount" -> run.discount();
			case "certificate_discounted_price" -> run.certificateDiscountedPrice();
			case "certificate_discount" -> run.certificateDiscount();
			default -> throw new IllegalArgumentException("No run field " + name);
		};
		return (value instanceof Instant instant) ? instant.toString() : Objects.toString(value, "");
	}

}
