package org.coursesync.system;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.node.NullNode;

/**
 * One field of an admin request body as sent: absent, {@code null}, or a JSON value. The
 * request record declares it with the type the OpenAPI document gives it ({@code T},
 * described as nullable); the value stays the JSON the client sent, so that the field
 * rules (the sync endpoint's, with their own messages) read it and report every bad field
 * at once, and so that a merge patch tells "absent" (leave alone) from {@code null}
 * (clear).
 *
 * @param <T> the type the document declares for the field
 */
@JsonDeserialize(using = JsonField.Reader.class)
public final class JsonField<T> {

	private static final JsonField<?> ABSENT = new JsonField<>(null);

	private final JsonNode json;

	private JsonField(JsonNode json) {
		this.json = json;
	}

	/** A field sent with this JSON value ({@code null} is a JSON null). */
	public static <T> JsonField<T> of(JsonNode json) {
		return new JsonField<>((json != null) ? json : NullNode.getInstance());
	}

	/** Whether the body has the field, {@code null} included. */
	public static boolean isPresent(JsonField<?> field) {
		return field != null && field.json != null;
	}

	/** The JSON sent (a {@code NullNode} for null); {@code null} when absent. */
	public static JsonNode json(JsonField<?> field) {
		return (field != null) ? field.json : null;
	}

	@Override
	public String toString() {
		return (this.json != null) ? this.json.toString() : "<absent>";
	}

	/** Reads any JSON value; a JSON null is a present null, a missing key is absent. */
	static final class Reader extends ValueDeserializer<JsonField<?>> {

		@Override
		public JsonField<?> deserialize(JsonParser parser, DeserializationContext context) {
			return JsonField.of(context.readTree(parser));
		}

		@Override
		public Object getNullValue(DeserializationContext context) {
			return JsonField.of(NullNode.getInstance());
		}

		@Override
		public Object getAbsentValue(DeserializationContext context) {
			return ABSENT;
		}

	}

}
