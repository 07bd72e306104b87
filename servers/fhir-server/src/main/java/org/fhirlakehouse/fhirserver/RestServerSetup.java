package org.fhirlakehouse.fhirserver;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR REST API: every R4 resource type's JPA provider, the system provider (transactions), Bulk $export, and the
 * page sizes (fhir-server.* in application.yaml).
 */
@Configuration
public class RestServerSetup {

  @Bean
  public RestfulServer restfulServer(
      IFhirSystemDao<?, ?> systemDao,
      ResourceProviderFactory resourceProviders,
      IJpaSystemProvider systemProvider,
      BulkDataExportProvider bulkExportProvider,
      DatabaseBackedPagingProvider pagingProvider,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      @Value("${fhir-server.default-page-size}") int defaultPageSize,
      @Value("${fhir-server.max-page-size}") int maxPageSize) {
    RestfulServer server = new RestfulServer(systemDao.getContext());
    systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());
    server.registerProviders(resourceProviders.createProviders());
    server.registerProvider(systemProvider);
    server.registerProvider(bulkExportProvider);
    // HAPI's defaults are 10 and 50: a _count above 50 would be cut to 50.
    pagingProvider.setDefaultPageSize(defaultPageSize);
    pagingProvider.setMaximumPageSize(maxPageSize);
    server.setPagingProvider(pagingProvider);
    server.setServerConformanceProvider(
        new JpaCapabilityStatementProvider(
            server, systemDao, storageSettings, searchParamRegistry, validationSupport));
    return server;
  }
}
