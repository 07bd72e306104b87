package org.fhirlakehouse.fhirserver;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The JPA storage: Hibernate on the Spring Boot data source (H2), storage settings for Bulk export (enabled, no job
 * reuse, fast-tracked jobs).
 */
@Configuration
public class JpaSetup {

  @Bean
  public JpaStorageSettings storageSettings() {
    JpaStorageSettings settings = new JpaStorageSettings();
    settings.setEnableTaskBulkExportJobExecution(true);
    settings.setEnableBulkExportJobReuse(false);
    settings.setJobFastTrackingEnabled(true);
    settings.setAllowMultipleDelete(true);
    // Data loaded file by file may reference resources of a later file (organizations, practitioners).
    settings.setEnforceReferentialIntegrityOnWrite(false);
    return settings;
  }

  @Bean
  public PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  @Bean
  public SubscriptionSettings subscriptionSettings() {
    return new SubscriptionSettings();
  }

  @Primary
  @Bean
  public LocalContainerEntityManagerFactoryBean entityManagerFactory(
      DataSource dataSource,
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    factory.setPersistenceUnitName("HAPI_PU");
    factory.setDataSource(dataSource);
    Properties hibernate = new Properties();
    hibernate.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
    hibernate.put("hibernate.hbm2ddl.auto", "update");
    hibernate.put("hibernate.search.enabled", "false");
    hibernate.put("hibernate.jdbc.batch_size", "20");
    hibernate.put("hibernate.cache.use_query_cache", "false");
    hibernate.put("hibernate.cache.use_second_level_cache", "false");
    factory.setJpaProperties(hibernate);
    return factory;
  }

  @Primary
  @Bean
  public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }
}
