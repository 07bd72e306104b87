import { AthenaViewFile } from "../shared/athena-views";

/** A data set of the dashboard: the view it reads and its QuickSight ARN. */
export interface DashboardDataSet {
  readonly view: AthenaViewFile;
  readonly dataSetArn: string;
}

/**
 * The dashboard's definition (QuickSight DashboardVersionDefinition, as @pulumi/aws-native types it): one sheet
 * per published view, each a table of the view's columns. The views already suppress small cells, so the
 * dashboard shows only what Athena users may see.
 */
export function dashboardDefinition(dataSets: readonly DashboardDataSet[]) {
  if (dataSets.length === 0)
    throw new Error("dashboardDefinition needs at least one data set (no athena/views/*.sql found)");
  return {
    dataSetIdentifierDeclarations: dataSets.map((d) => ({ identifier: d.view.name, dataSetArn: d.dataSetArn })),
    sheets: dataSets.map((d) => ({
      sheetId: `sheet-${d.view.name}`.replace(/_/g, "-"),
      name: d.view.name,
      visuals: [
        {
          tableVisual: {
            visualId: `table-${d.view.name}`.replace(/_/g, "-"),
            title: { formatText: { plainText: d.view.name } },
            chartConfiguration: {
              fieldWells: {
                tableUnaggregatedFieldWells: {
                  values: d.view.columns.map((c) => ({
                    fieldId: `${d.view.name}.${c.name}`,
                    column: { dataSetIdentifier: d.view.name, columnName: c.name },
                  })),
                },
              },
            },
          },
        },
      ],
    })),
  };
}
