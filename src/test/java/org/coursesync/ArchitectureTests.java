package org.coursesync;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the README's "Project layout": feature packages depend on each
 * other one way only, {@code system} (cross-cutting code) depends on no feature, and a
 * Spring Data repository is used only inside the package that declares it (other packages
 * call that package's services).
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importProductionClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.coursesync");
	}

	@Test
	void featurePackagesAreFreeOfCycles() {
		slices().matching("org.coursesync.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void systemDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("org.coursesync.system..")
			.should()
			.dependOnClassesThat(
					resideInAPackage("org.coursesync..").and(not(resideInAPackage("org.coursesync.system.."))))
			.because("cross-cutting code serves every feature and knows none")
			.check(classes);
	}

	@Test
	void repositoriesAreUsedOnlyInTheirOwnPackage() {
		classes().that()
			.areAssignableTo(Repository.class)
			.should(beUsedOnlyInTheirOwnPackage())
			.because("another package calls the owning package's services, which keep its rules")
			.check(classes);
	}

	private static ArchCondition<JavaClass> beUsedOnlyInTheirOwnPackage() {
		return new ArchCondition<>("be used only in their own package") {

			@Override
			public void check(JavaClass repository, ConditionEvents events) {
				repository.getDirectDependenciesToSelf()
					.stream()
					.filter((dependency) -> !dependency.getOriginClass()
						.getPackageName()
						.equals(repository.getPackageName()))
					.forEach((dependency) -> events
						.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
			}

		};
	}

}
