package profiles

import "regexp"

// Regions are the regions of AWS's public, China, GovCloud and European
// Sovereign Cloud partitions, as botocore's data/partitions.json lists
// them (TestRegionsMatchBotocore keeps them current).
var Regions = []string{
	"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
	"ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
	"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1",
	"eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
	"eu-west-3", "eusc-de-east-1", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
	"us-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2",
}

// regionPatterns are the partitions' regionRegex of partitions.json: a
// region AWS opens later matches one of them before this list has it.
var regionPatterns = regexp.MustCompile(`^(?:(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-\w+-\d+|us-gov-\w+-\d+|us-iso[bf]?-\w+-\d+|eu-isoe-\w+-\d+|eusc-de-\w+-\d+)$`)

// RegionKnown says whether name is a region: known (listed), or only
// shaped like one (a partition's pattern; a region newer than this list).
func RegionKnown(name string) (listed, shaped bool) {
	for _, r := range Regions {
		if r == name {
			return true, true
		}
	}
	return false, regionPatterns.MatchString(name)
}
